using System.ComponentModel.DataAnnotations;

namespace Valmetal.Web.Security;

/// <summary>
/// The <c>RateLimits:SignIn</c> section. Each web replica counts on its own: with N replicas an address or an account
/// gets up to N times these numbers (docs/decisions.md).
/// </summary>
public sealed class SignInRateLimitOptions
{
    public const string SectionName = "RateLimits:SignIn";

    /// <summary>Attempts for one e-mail address per window, from wherever they come.</summary>
    [Range(1, 10_000)]
    public int PerAccountPermits { get; set; } = 10;

    /// <summary>Attempts from one client address per window, for whichever accounts.</summary>
    [Range(1, 100_000)]
    public int PerAddressPermits { get; set; } = 30;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);
}
