using Microsoft.Extensions.Localization;
using Valmetal.Api.Infrastructure;

namespace Valmetal.Api.Features.TelemetryHistory;

/// <summary>Checks a requested time range and picks a bucket size, so no query returns an unbounded series.</summary>
public static class HistoryRange
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(TelemetryHistoryApi));

    public const int MaxBuckets = 5000;
    public const int TargetBuckets = 300;
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(400);
    public static readonly TimeSpan DefaultSpan = TimeSpan.FromHours(1);

    private static readonly int[] NiceBucketSeconds =
        [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

    /// <summary>An hour before <paramref name="to"/>; never before year 1, where the subtraction would throw.</summary>
    public static DateTimeOffset DefaultStart(DateTimeOffset to) =>
        to.UtcDateTime - DateTime.MinValue > DefaultSpan ? to - DefaultSpan : DateTimeOffset.MinValue;

    public static Dictionary<string, string[]> Validate(DateTimeOffset from, DateTimeOffset to, int? bucketSeconds)
    {
        var errors = new Dictionary<string, string[]>();
        if (to <= from)
        {
            errors["to"] = [Text["ToBeforeFrom"]];
        }
        else if (to - from > MaxSpan)
        {
            errors["from"] = [Text["SpanTooLong", MaxSpan.TotalDays]];
        }

        if (bucketSeconds is { } bucket)
        {
            if (bucket is < 1 or > 86400)
            {
                errors["bucketSeconds"] = [Text["BucketOutOfRange", 86400]];
            }
            else if (to > from && (to - from).TotalSeconds / bucket > MaxBuckets)
            {
                errors["bucketSeconds"] = [Text["TooManyBuckets", MaxBuckets]];
            }
        }

        return errors;
    }

    public static int ChooseBucketSeconds(DateTimeOffset from, DateTimeOffset to)
    {
        var ideal = (to - from).TotalSeconds / TargetBuckets;
        return NiceBucketSeconds.FirstOrDefault(s => s >= ideal, NiceBucketSeconds[^1]);
    }
}
