namespace Valmetal.DeviceContract.Alarms;

/// <summary>The severities of the device contract's events, also used for every alarm (most severe first).</summary>
public static class AlarmSeverity
{
    public const string Critical = "critical";
    public const string Major = "major";
    public const string Minor = "minor";
    public const string Warning = "warning";

    public static readonly IReadOnlyList<string> All = [Critical, Major, Minor, Warning];

    public static bool IsValid(string? severity) => severity is not null && All.Contains(severity);
}
