using System.Globalization;
using Microsoft.Extensions.Localization;
using Valmetal.Api.Features.Equipment;
using Valmetal.Api.Infrastructure;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.Catalogue;

namespace Valmetal.Api.Features.Models;

/// <summary>A metric as an admin edits it: its name and unit in English and in French are all required.</summary>
public sealed record MetricRequest(
    string Key, string DisplayName, string Unit, double MinValid, double MaxValid, double? WarningAbove = null, double? CriticalAbove = null,
    int AlarmDelaySeconds = MetricDefinition.DefaultAlarmDelaySeconds, string? DisplayNameFr = null, string? UnitFr = null);

/// <summary>Replaces a model's metric catalogue and inactivity timeout; the telemetry service picks it up within seconds.</summary>
public sealed record UpdateCatalogueRequest(int InactivityTimeoutSeconds, IReadOnlyList<MetricRequest> Metrics)
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(ModelsApi));

    /// <summary>Devices report at least every few seconds; a shorter timeout would flap between online and offline.</summary>
    public const int MinInactivityTimeoutSeconds = 10;

    public Validation Validate()
    {
        var validation = new Validation().Range("inactivityTimeoutSeconds", InactivityTimeoutSeconds, MinInactivityTimeoutSeconds, 86_400);
        if (Metrics is null || Metrics.Count == 0 || Metrics.Count > ContractLimits.MaxMetricsPerSample)
        {
            return validation.Add("metrics", Text["MetricCount", ContractLimits.MaxMetricsPerSample]);
        }

        for (var i = 0; i < Metrics.Count; i++)
        {
            var metric = Metrics[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"metrics[{i}]");
            if (metric is null)
            {
                validation.Missing(at);
                continue;
            }

            validation.Name($"{at}.key", metric.Key).Required($"{at}.displayName", metric.DisplayName, 100).Required($"{at}.unit", metric.Unit, 16)
                .Required($"{at}.displayNameFr", metric.DisplayNameFr, 100).Required($"{at}.unitFr", metric.UnitFr, 16)
                .Range($"{at}.minValid", metric.MinValid, -1e12, 1e12).Range($"{at}.maxValid", metric.MaxValid, -1e12, 1e12);
            if (metric.MinValid >= metric.MaxValid)
            {
                validation.Add($"{at}.maxValid", Text["MaxNotAboveMin"]);
            }

            validation.Range($"{at}.warningAbove", metric.WarningAbove, metric.MinValid, metric.MaxValid)
                .Range($"{at}.criticalAbove", metric.CriticalAbove, metric.WarningAbove ?? metric.MinValid, metric.MaxValid)
                .Range($"{at}.alarmDelaySeconds", metric.AlarmDelaySeconds, 0, MetricDefinition.MaxAlarmDelaySeconds);
        }

        if (Metrics.Where(m => m is not null).GroupBy(m => m.Key).Any(g => g.Count() > 1))
        {
            validation.Add("metrics", Text["KeysNotUnique"]);
        }

        return validation;
    }
}
