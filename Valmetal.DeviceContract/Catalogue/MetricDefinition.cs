namespace Valmetal.DeviceContract.Catalogue;

/// <summary>
/// One entry of an equipment model's metric catalogue. A value above a threshold raises an alarm once it has stayed
/// above for <paramref name="AlarmDelaySeconds"/> of device time, so a single spike does not page anyone.
/// </summary>
public sealed record MetricDefinition(
    string Key,
    string DisplayName,
    string Unit,
    double MinValid,
    double MaxValid,
    double? WarningAbove = null,
    double? CriticalAbove = null,
    int AlarmDelaySeconds = MetricDefinition.DefaultAlarmDelaySeconds)
{
    public const int DefaultAlarmDelaySeconds = 10;
    public const int MaxAlarmDelaySeconds = 3600;

    /// <summary>The name in French (Québec): the catalogue names every metric in both languages of the app.</summary>
    public string? DisplayNameFr { get; init; }

    /// <summary>The unit as French writes it (<c>tr/min</c> for <c>rpm</c>); most units are the same.</summary>
    public string? UnitFr { get; init; }
}
