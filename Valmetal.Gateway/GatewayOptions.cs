using System.ComponentModel.DataAnnotations;

namespace Valmetal.Gateway;

/// <summary>
/// The <c>Gateway</c> section: one HTTPS listener per load balancer of the deployment (web, API), each in front of the
/// replicas of one service. The AppHost writes it; nothing in AWS reads it, where the ALBs do this work.
/// </summary>
public sealed class GatewayOptions : IValidatableObject
{
    public const string SectionName = "Gateway";

    /// <summary>PEM certificate the listeners present, issued by the local CA (in AWS, the ALB's ACM certificate).</summary>
    [Required]
    public string CertificatePath { get; set; } = string.Empty;

    [Required]
    public string PrivateKeyPath { get; set; } = string.Empty;

    [MinLength(1)]
    public List<LoadBalancerListener> Listeners { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (path, member) in new[] { (CertificatePath, nameof(CertificatePath)), (PrivateKeyPath, nameof(PrivateKeyPath)) })
        {
            if (!string.IsNullOrWhiteSpace(path) && !File.Exists(path))
            {
                yield return new ValidationResult($"{SectionName}:{member} names '{path}', which does not exist.", [member]);
            }
        }

        for (var i = 0; i < Listeners.Count; i++)
        {
            foreach (var problem in Listeners[i].Problems())
            {
                yield return new ValidationResult($"{SectionName}:{nameof(Listeners)}:{i}: {problem}", [nameof(Listeners)]);
            }
        }

        var ports = Listeners.SelectMany(l => l.RedirectPort is { } redirect ? new[] { l.Port, redirect } : [l.Port]).ToList();
        foreach (var port in ports.GroupBy(p => p).Where(g => g.Count() > 1))
        {
            yield return new ValidationResult($"{SectionName}: port {port.Key} is given to more than one listener.", [nameof(Listeners)]);
        }
    }
}

/// <summary>One load balancer: its HTTPS port, the plain-HTTP port that redirects to it, and the replicas behind it.</summary>
public sealed class LoadBalancerListener
{
    /// <summary>The service behind it (<c>web</c>, <c>api</c>): names the route and the cluster.</summary>
    public string Name { get; set; } = string.Empty;

    public int Port { get; set; }

    /// <summary>The ALB's port 80 listener: every request is redirected (301) to the same path on <see cref="Port"/>.</summary>
    public int? RedirectPort { get; set; }

    /// <summary>The target group's stickiness (the web app's Blazor circuits live in one replica).</summary>
    public bool StickySessions { get; set; }

    /// <summary>Replica base addresses (<c>http://localhost:PORT</c>).</summary>
    public List<string> Destinations { get; set; } = [];

    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            yield return "Name is required.";
        }

        if (Port is < 1 or > 65535 || RedirectPort is < 1 or > 65535)
        {
            yield return "ports must be between 1 and 65535.";
        }

        if (Destinations.Count == 0)
        {
            yield return "at least one destination is required.";
        }

        foreach (var destination in Destinations.Where(d => !Uri.TryCreate(d, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp))
        {
            yield return $"destination '{destination}' is not an http:// address (TLS ends at the load balancer, as in AWS).";
        }
    }
}
