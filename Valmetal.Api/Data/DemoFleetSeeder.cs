using Microsoft.EntityFrameworkCore;
using Valmetal.Api.Data.Entities;
using Valmetal.DeviceContract.DemoFleet;

namespace Valmetal.Api.Data;

/// <summary>
/// Seeds the farms, models and equipment the device simulator brings to life. Adds what is missing only,
/// so edits made through the API survive a restart.
/// </summary>
public static class DemoFleetSeeder
{
    public static async Task SeedAsync(ValmetalDbContext db, CancellationToken ct)
    {
        var farms = await db.Farms.Select(f => f.Id).ToHashSetAsync(ct);
        foreach (var farm in Fleet.Farms.Where(f => !farms.Contains(f.Id)))
        {
            db.Farms.Add(new Farm { Id = farm.Id, Name = farm.Name, Address = farm.Address, TimeZone = farm.TimeZone });
        }

        var models = await db.EquipmentModels.Select(m => m.Code).ToHashSetAsync(ct);
        foreach (var model in DemoModels.All.Where(m => !models.Contains(m.Code)))
        {
            db.EquipmentModels.Add(new EquipmentModel
            {
                Code = model.Code,
                Name = model.Name,
                Kind = model.Kind,
                InactivityTimeoutSeconds = (int)model.InactivityTimeout.TotalSeconds,
                Metrics = model.Metrics.Select(m => new ModelMetric
                {
                    ModelCode = model.Code,
                    Key = m.Key,
                    DisplayName = m.DisplayName,
                    Unit = m.Unit,
                    MinValid = m.MinValid,
                    MaxValid = m.MaxValid,
                    WarningAbove = m.WarningAbove,
                    CriticalAbove = m.CriticalAbove,
                }).ToList(),
            });
        }

        var equipment = await db.Equipment.Select(e => e.SerialNumber).ToHashSetAsync(ct);
        foreach (var item in Fleet.Equipment.Where(e => !equipment.Contains(e.Thing)))
        {
            db.Equipment.Add(new Equipment
            {
                SerialNumber = item.Thing,
                DisplayName = item.DisplayName,
                ModelCode = item.ModelCode,
                FarmId = item.FarmId,
                InstalledOn = item.InstalledOn,
                Firmware = item.Firmware,
            });
        }

        await db.SaveChangesAsync(ct);
    }
}
