using Microsoft.EntityFrameworkCore;
using Valmetal.Api.Data;
using Valmetal.DeviceContract.Alarms;

namespace Valmetal.Api.Features.Equipment;

/// <summary>
/// Moving a unit to another farm starts a new tenure (docs/decisions.md, "Equipment that changes farms"): from now on
/// its new farm sees what is recorded, and nothing recorded before.
/// </summary>
public static class EquipmentTenure
{
    /// <summary>Changes are tracked, not saved: the caller saves them with the audit entry of the move.</summary>
    public static async Task MoveAsync(ValmetalDbContext db, Data.Entities.Equipment equipment, Guid farmId, DateTimeOffset at, CancellationToken ct)
    {
        equipment.FarmId = farmId;
        equipment.FarmSince = at;

        // An alarm still open travels with the unit (it is the machine's present condition, and the telemetry service
        // raises no second one while it is open), but an acknowledgement is the old farm's: it names one of their
        // people, and nobody on the new farm has seen the alarm yet. It becomes active again, as on escalation.
        var acknowledged = await db.Alarms.Where(a => a.SerialNumber == equipment.SerialNumber && a.State == AlarmState.Acknowledged).ToListAsync(ct);
        foreach (var alarm in acknowledged)
        {
            alarm.State = AlarmState.Active;
            alarm.AcknowledgedAt = null;
            alarm.AcknowledgedBy = null;
        }
    }
}
