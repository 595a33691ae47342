using System.ComponentModel.DataAnnotations;

namespace Valmetal.AwsHttp;

/// <summary>Where the hand-written AWS clients sign for; bound from the <c>Aws</c> section.</summary>
public sealed class AwsHttpOptions
{
    public const string SectionName = "Aws";

    /// <summary>The region every signature is scoped to (us-east-1 locally, where the emulators ignore it).</summary>
    [Required]
    [RegularExpression("^[a-z]{2}(-[a-z]+)+-[0-9]$", ErrorMessage = "Aws:Region must be a region name such as ca-central-1.")]
    public string Region { get; set; } = string.Empty;

    /// <summary>Attempts after the first for idempotent requests that met throttling, a 5xx or no answer.</summary>
    [Range(0, 5)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>The base of the exponential, jittered backoff.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>One attempt's limit; AWS control-plane calls answer in well under a second when healthy.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
