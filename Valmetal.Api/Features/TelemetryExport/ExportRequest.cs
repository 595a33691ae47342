using Microsoft.Extensions.Localization;
using Valmetal.Api.Infrastructure;
using Valmetal.DeviceContract;

namespace Valmetal.Api.Features.TelemetryExport;

/// <summary>Which points to export: a bounded range and a few metrics, so one request cannot read the whole table.</summary>
public sealed record ExportRequest(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<string> Metrics)
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(TelemetryExportApi));

    public const int MaxMetrics = 10;
    public const int MaxMetricsParameterLength = 700;
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(31);

    public static (ExportRequest? Request, Validation Validation) Parse(DateTimeOffset from, DateTimeOffset to, string? metrics)
    {
        var validation = new Validation();
        if (to <= from)
        {
            validation.Add("to", Text["ToBeforeFrom"]);
        }
        else if (to - from > MaxSpan)
        {
            validation.Add("from", Text["SpanTooLong", MaxSpan.TotalDays]);
        }

        var keys = (metrics ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        if ((metrics?.Length ?? 0) > MaxMetricsParameterLength || keys.Count is 0 or > MaxMetrics)
        {
            validation.Add("metrics", Text["MetricCount", MaxMetrics]);
        }
        else if (keys.Any(k => !ThingName.IsValid(k)))
        {
            validation.Add("metrics", Text["MetricKeys"]);
        }

        return (validation.IsValid ? new ExportRequest(from, to, keys) : null, validation);
    }
}
