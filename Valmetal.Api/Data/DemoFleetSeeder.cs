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
    public static async Task SeedAsync(ValmetalDbContext db, TimeProvider time, CancellationToken ct)
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
                    DisplayNameFr = m.DisplayNameFr ?? m.DisplayName,
                    UnitFr = m.UnitFr ?? m.Unit,
                    MinValid = m.MinValid,
                    MaxValid = m.MaxValid,
                    WarningAbove = m.WarningAbove,
                    CriticalAbove = m.CriticalAbove,
                    AlarmDelaySeconds = m.AlarmDelaySeconds,
                }).ToList(),
            });
        }

        var barns = await db.Barns.Select(b => b.FarmId).ToHashSetAsync(ct);
        var barnOfFarm = new Dictionary<Guid, Guid>();
        foreach (var farm in Fleet.Farms.Where(f => !barns.Contains(f.Id)))
        {
            var barn = new Barn { Id = Guid.CreateVersion7(), FarmId = farm.Id, Name = "Main barn", Notes = "Free-stall barn" };
            barnOfFarm[farm.Id] = barn.Id;
            db.Barns.Add(barn);
        }

        var equipment = await db.Equipment.Select(e => e.SerialNumber).ToHashSetAsync(ct);
        var seeded = new List<(Equipment, int)>();
        foreach (var (item, index) in Fleet.Equipment.Select((e, i) => (e, i)).Where(x => !equipment.Contains(x.e.Thing)))
        {
            var unit = new Equipment
            {
                SerialNumber = item.Thing,
                DisplayName = item.DisplayName,
                ModelCode = item.ModelCode,
                FarmId = item.FarmId,
                BarnId = barnOfFarm.TryGetValue(item.FarmId, out var barn) ? barn : null,
                InstalledOn = item.InstalledOn,
                Firmware = item.Firmware,
                RunHours = 150 + index * 97 % 1400,
            };
            db.Equipment.Add(unit);
            seeded.Add((unit, index));
        }

        var planned = await db.MaintenancePlans.Select(p => p.ModelCode).ToHashSetAsync(ct);
        foreach (var model in DemoModels.All.Where(m => !planned.Contains(m.Code)))
        {
            db.MaintenancePlans.Add(new MaintenancePlan
            {
                Id = Guid.CreateVersion7(), ModelCode = model.Code, Name = "Gearbox oil change",
                Description = "Drain and refill the gearbox; check the seals.", IntervalRunHours = 500, IntervalDays = 365,
            });
            db.MaintenancePlans.Add(new MaintenancePlan
            {
                Id = Guid.CreateVersion7(), ModelCode = model.Code, Name = "Safety inspection",
                Description = "Guards, emergency stops, belts and chains.", IntervalDays = 90,
            });
        }

        await db.SaveChangesAsync(ct);
        await DemoMaintenanceHistory.SeedAsync(db, seeded, time, ct);
        await Features.Maintenance.MaintenanceScheduler.EnsureDueTasksAsync(db, time, null, ct);
    }
}
