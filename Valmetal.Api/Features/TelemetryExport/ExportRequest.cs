using Valmetal.Api.Infrastructure;
using Valmetal.DeviceContract;

namespace Valmetal.Api.Features.TelemetryExport;

/// <summary>Which points to export: a bounded range and a few metrics, so one request cannot read the whole table.</summary>
public sealed record ExportRequest(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<string> Metrics)
{
    public const int MaxMetrics = 10;
    public const int MaxMetricsParameterLength = 700;
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(31);

    public static (ExportRequest? Request, Validation Validation) Parse(DateTimeOffset from, DateTimeOffset to, string? metrics)
    {
        var validation = new Validation();
        if (to <= from)
        {
            validation.Add("to", "must be after 'from'");
        }
        else if (to - from > MaxSpan)
        {
            validation.Add("from", $"the range may span at most {MaxSpan.TotalDays:0} days");
        }

        var keys = (metrics ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        if ((metrics?.Length ?? 0) > MaxMetricsParameterLength || keys.Count is 0 or > MaxMetrics)
        {
            validation.Add("metrics", $"must name 1 to {MaxMetrics} metrics, separated by commas");
        }
        else if (keys.Any(k => !ThingName.IsValid(k)))
        {
            validation.Add("metrics", "metric keys are letters, digits, '-' or '_'");
        }

        return (validation.IsValid ? new ExportRequest(from, to, keys) : null, validation);
    }
}
