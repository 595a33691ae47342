namespace Valmetal.DeviceState;

/// <summary>
/// Item layout: one item per thing. Metrics and reported keys are top-level attributes
/// (<c>m:motor_temp_c</c>, <c>r:firmware</c>) so replicas can merge partial updates without read-modify-write.
/// </summary>
public static class DeviceStateAttributes
{
    public const string Thing = "thing";
    public const string Online = "online";
    public const string StatusChangedAt = "statusChangedAt";
    public const string LastSeen = "lastSeen";
    public const string ReportedVersion = "reportedVersion";
    public const string MetricPrefix = "m:";
    public const string ReportedPrefix = "r:";
    public const string DesiredPrefix = "d:";

    /// <summary>When each reported or desired key was last written (the shadow's per-key metadata).</summary>
    public const string ReportedTimestampPrefix = "rt:";
    public const string DesiredTimestampPrefix = "dt:";
    public const string DesiredVersion = "desiredVersion";
    public const string MetricValue = "v";
    public const string MetricTimestamp = "ts";
}
