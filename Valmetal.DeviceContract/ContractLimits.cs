namespace Valmetal.DeviceContract;

/// <summary>Limits every device message is held to (IoT Core's payload limit; docs/device-contract.md, "Limits").</summary>
public static class ContractLimits
{
    public const int MaxPayloadBytes = 128 * 1024;

    /// <summary>
    /// The <c>reported</c> object of one state message, as compact JSON: the same 8 KB as a desired-configuration
    /// write. State accumulates in one DynamoDB item of at most 400 KB, and a write that would pass it is refused only
    /// after a round trip per message; small writes keep a device that floods its state from costing others that time.
    /// </summary>
    public const int MaxReportedBytes = 8 * 1024;
    public const int MaxSamplesPerMessage = 500;
    public const int MaxMetricsPerSample = 64;
    public const int MaxMetricNameLength = 64;
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan DefaultInactivityTimeout = TimeSpan.FromMinutes(10);
}
