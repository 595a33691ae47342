namespace Valmetal.DeviceContract;

/// <summary>Limits every device message is held to (IoT Core's payload limit; docs/device-contract.md, "Limits").</summary>
public static class ContractLimits
{
    public const int MaxPayloadBytes = 128 * 1024;
    public const int MaxSamplesPerMessage = 500;
    public const int MaxMetricsPerSample = 64;
    public const int MaxMetricNameLength = 64;
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan DefaultInactivityTimeout = TimeSpan.FromMinutes(10);
}
