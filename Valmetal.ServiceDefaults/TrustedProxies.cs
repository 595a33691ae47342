using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The <c>ForwardedHeaders</c> section: which peers may tell a service the client's address and scheme. In AWS the
/// load balancer terminates TLS and connects from inside the VPC, so the VPC's CIDR is given (the CDK sets it);
/// locally only loopback is trusted, which is also the default when nothing is configured.
/// </summary>
public sealed class TrustedProxyOptions : IValidatableObject
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Used when <see cref="KnownNetworks"/> is empty (a default list would be appended to, not replaced, by binding).</summary>
    public static readonly string[] LoopbackNetworks = ["127.0.0.0/8", "::1/128"];

    /// <summary>CIDRs whose connections may set X-Forwarded-For and X-Forwarded-Proto; every other peer's are ignored.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>
    /// How many proxies' entries are read from the right of X-Forwarded-For. One: the ALB appends the address it saw,
    /// and anything left of it was written by the client and proves nothing.
    /// </summary>
    [Range(1, 5)]
    public int ForwardLimit { get; set; } = 1;

    public IEnumerable<string> EffectiveNetworks => KnownNetworks.Count == 0 ? LoopbackNetworks : KnownNetworks;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        KnownNetworks.Where(network => !System.Net.IPNetwork.TryParse(network, out _)).Select(network => new ValidationResult(
            $"{SectionName}:{nameof(KnownNetworks)} holds '{network}', which is not a CIDR such as 10.0.0.0/16.", [nameof(KnownNetworks)]));
}

/// <summary>
/// Applies X-Forwarded-For and X-Forwarded-Proto from trusted proxies only. It must run first: the scheme decides
/// whether cookies are Secure, redirects are https and HSTS is sent, and the client address partitions rate limits.
/// X-Forwarded-Host is not applied: the ALB forwards the browser's Host header unchanged, and a host taken from a
/// header would only widen what a request can make the app believe about itself.
/// </summary>
public static class TrustedProxies
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TrustedProxyOptions>()
            .Bind(configuration.GetSection(TrustedProxyOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxyOptions>>((forwarded, trusted) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = trusted.Value.ForwardLimit;
            // The framework's defaults trust loopback; the configured list replaces them, it does not add to them.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var network in trusted.Value.EffectiveNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }

    /// <summary>First in the pipeline, before anything reads the scheme or the client address.</summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app) => app.UseForwardedHeaders();
}
