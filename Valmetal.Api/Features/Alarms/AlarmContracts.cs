using System.Globalization;
using System.Linq.Expressions;
using Valmetal.Api.Data.Entities;
using Valmetal.Api.Security;
using Valmetal.DeviceContract.Alarms;

namespace Valmetal.Api.Features.Alarms;

/// <summary>Which alarms a list shows: open (active or acknowledged, the default), one state, or all of the history.</summary>
public enum AlarmFilter
{
    Open,
    Active,
    Acknowledged,
    Cleared,
    All,
}

/// <summary>An alarm with the equipment it belongs to; queries sort and page these before projecting.</summary>
internal sealed class AlarmRow
{
    public required Alarm Alarm { get; init; }
    public required string EquipmentName { get; init; }
    public Guid FarmId { get; init; }
    public required string ModelCode { get; init; }

    /// <summary>The catalogue's entry for a threshold alarm's metric, once <see cref="AlarmProjection.WithMetric"/> joined it.</summary>
    public ModelMetric? Metric { get; init; }
}

internal static class AlarmProjection
{
    /// <summary>
    /// The alarms on equipment the caller may see (the join is the tenant filter), raised since the unit came to its
    /// farm or still open: an open alarm is the machine's present condition and travels with it (docs/decisions.md).
    /// </summary>
    public static IQueryable<AlarmRow> Visible(IQueryable<Alarm> alarms, IQueryable<Data.Entities.Equipment> equipment, CurrentUser user) =>
        alarms.InTenure(equipment, user, a => a.SerialNumber, a => a.RaisedAt, a => a.State != AlarmState.Cleared)
            .Join(equipment.VisibleTo(user), a => a.SerialNumber, e => e.SerialNumber,
                (a, e) => new AlarmRow { Alarm = a, EquipmentName = e.DisplayName, FarmId = e.FarmId, ModelCode = e.ModelCode });

    /// <summary>Adds the catalogue's entry of each alarm's metric (none for faults and offline alarms), to describe them.</summary>
    public static IQueryable<AlarmRow> WithMetric(this IQueryable<AlarmRow> rows, IQueryable<ModelMetric> metrics) =>
        rows.LeftJoin(metrics, r => new { r.ModelCode, Key = r.Alarm.Source }, m => new { m.ModelCode, m.Key },
            (r, m) => new AlarmRow { Alarm = r.Alarm, EquipmentName = r.EquipmentName, FarmId = r.FarmId, ModelCode = r.ModelCode, Metric = m });

    /// <summary>An alarm as the API returns it, described in <paramref name="culture"/>'s language (<see cref="AlarmDescription"/>).</summary>
    public static Expression<Func<AlarmRow, AlarmResponse>> ToResponse(CultureInfo culture)
    {
        var french = culture.TwoLetterISOLanguageName == "fr";
        return r => new AlarmResponse(
            r.Alarm.Id, r.Alarm.SerialNumber, r.EquipmentName, r.FarmId, r.Alarm.Kind, r.Alarm.Source, r.Alarm.Severity, r.Alarm.State,
            AlarmDescription.Describe(r.Alarm.Kind, r.Alarm.Source, r.Alarm.Message, r.Alarm.Value, r.Alarm.Threshold,
                r.Metric == null ? null : french ? r.Metric.DisplayNameFr : r.Metric.DisplayName,
                r.Metric == null ? null : french ? r.Metric.UnitFr : r.Metric.Unit, culture),
            r.Alarm.Value, r.Alarm.Threshold, r.Alarm.RaisedAt, r.Alarm.AcknowledgedAt, r.Alarm.AcknowledgedBy, r.Alarm.ClearedAt);
    }
}
