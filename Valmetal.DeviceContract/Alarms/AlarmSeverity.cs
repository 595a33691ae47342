namespace Valmetal.DeviceContract.Alarms;

/// <summary>
/// The severities of the device contract's events, also used for every alarm (most severe first). The order is kept
/// here only: the notifier compares in C# (<see cref="AtLeast"/>), the telemetry service in SQL (<see cref="RankOfExcludedSql"/>).
/// </summary>
public static class AlarmSeverity
{
    public const string Critical = "critical";
    public const string Major = "major";
    public const string Minor = "minor";
    public const string Warning = "warning";

    public static readonly IReadOnlyList<string> All = [Critical, Major, Minor, Warning];

    /// <summary>The severities as a PostgreSQL array literal, in the order of <see cref="All"/>.</summary>
    private const string SqlArray = $"array['{Critical}', '{Major}', '{Minor}', '{Warning}']";

    public static bool IsValid(string? severity) => severity is not null && All.Contains(severity);

    /// <summary>0 for the most severe; -1 for an unknown severity.</summary>
    public static int Rank(string severity) => All.ToList().IndexOf(severity);

    /// <summary>True when <paramref name="severity"/> is as severe as <paramref name="minimum"/> or more; false if either is unknown.</summary>
    public static bool AtLeast(string severity, string minimum) =>
        Rank(severity) is >= 0 and var s && Rank(minimum) is >= 0 and var m && s <= m;

    /// <summary>
    /// <see cref="Rank"/> in SQL (1 for the most severe, null for an unknown one) of an upsert's incoming severity. Consts,
    /// not a method, so that statements built from them stay consts the schema test can find.
    /// </summary>
    public const string RankOfExcludedSql = $"array_position({SqlArray}, excluded.severity::text)";

    /// <summary>The rank of an alarm row's severity (alias <c>a</c>), comparable with <see cref="RankOfExcludedSql"/>.</summary>
    public const string RankOfAlarmSql = $"array_position({SqlArray}, a.severity::text)";
}
