using System.Globalization;

namespace Valmetal.DeviceContract.Schema;

/// <summary>
/// The daily partitions of <see cref="Tables.Samples"/>: the telemetry service creates them ahead of the rows and
/// archives and drops them past retention, and finds a partition's day from its name, so the name's form is kept here once.
/// </summary>
public static class SamplePartitions
{
    public const string Prefix = Tables.SamplesName + "_";

    private const string DayFormat = "yyyyMMdd";

    /// <summary>The unqualified name of the partition that holds <paramref name="day"/> (UTC).</summary>
    public static string NameOf(DateOnly day) => Prefix + day.ToString(DayFormat, CultureInfo.InvariantCulture);

    /// <summary>The day a partition holds, from its name, or null for any other table.</summary>
    public static DateOnly? DayOf(string partition) =>
        partition.StartsWith(Prefix, StringComparison.Ordinal)
        && DateOnly.TryParseExact(partition[Prefix.Length..], DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;
}
