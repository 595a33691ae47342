using System.Globalization;

namespace Valmetal.Web.Components.Equipment;

/// <summary>
/// The time range a chart shows: a preset ending now, or a window the user zoomed into. The label names the range for
/// scripts and tests ("15 min", "7 d", "zoom"); pages write it in the reader's language.
/// </summary>
public sealed record ChartRange(string Label, DateTimeOffset From, DateTimeOffset To)
{
    public static readonly (string Label, TimeSpan Span)[] Presets =
    [
        ("15 min", TimeSpan.FromMinutes(15)), ("1 h", TimeSpan.FromHours(1)), ("6 h", TimeSpan.FromHours(6)),
        ("24 h", TimeSpan.FromHours(24)), ("7 d", TimeSpan.FromDays(7)), ("30 d", TimeSpan.FromDays(30)),
    ];

    /// <summary>Below this width the API's smallest bucket (1 s) would give too few points to be worth zooming.</summary>
    public static readonly TimeSpan MinZoom = TimeSpan.FromMinutes(1);

    public const string ZoomLabel = "zoom";

    public bool FollowsLiveData => Label != ZoomLabel && To - From <= TimeSpan.FromHours(1);

    public static ChartRange Preset(string label, TimeSpan span, DateTimeOffset now) => new(label, now - span, now);

    public static ChartRange Zoomed(double fromUnixSeconds, double toUnixSeconds)
    {
        var from = DateTimeOffset.FromUnixTimeMilliseconds((long)(fromUnixSeconds * 1000));
        var to = DateTimeOffset.FromUnixTimeMilliseconds((long)(toUnixSeconds * 1000));
        return to - from < MinZoom ? new ChartRange(ZoomLabel, to - MinZoom, to) : new ChartRange(ZoomLabel, from, to);
    }

    public string ExportUrl(string serial, IEnumerable<string> metrics) =>
        $"equipment/{Uri.EscapeDataString(serial)}/telemetry.csv?from={Uri.EscapeDataString(From.ToString("O", CultureInfo.InvariantCulture))}"
        + $"&to={Uri.EscapeDataString(To.ToString("O", CultureInfo.InvariantCulture))}&metrics={Uri.EscapeDataString(string.Join(',', metrics))}";
}
