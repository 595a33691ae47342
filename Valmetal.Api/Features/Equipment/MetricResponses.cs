namespace Valmetal.Api.Features.Equipment;

public static class MetricResponses
{
    public static MetricResponse Of(Data.Entities.ModelMetric m) =>
        new(m.Key, m.DisplayName, m.Unit, m.MinValid, m.MaxValid, m.WarningAbove, m.CriticalAbove, m.AlarmDelaySeconds, m.DisplayNameFr, m.UnitFr);
}
