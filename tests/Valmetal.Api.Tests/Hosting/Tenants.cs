using Valmetal.Api.Data;
using Valmetal.Api.Data.Entities;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.Identity;

namespace Valmetal.Api.Tests.Hosting;

/// <summary>A signed-in caller: the token's subject and Cognito groups.</summary>
public sealed record TestUser(string Sub, params string[] Groups)
{
    public override string ToString() => Sub;
}

/// <summary>
/// The demo fleet's farms, models and units (the seeder the local stack uses), and one user per role with rows as
/// the API keeps them. Farm 1 is the farmer's and the technician's; farm 3 is neither's.
/// </summary>
public sealed class Tenants
{
    public static readonly TestUser Admin = new("admin-sub", CognitoGroups.Admins);
    public static readonly TestUser Technician = new("technician-sub", CognitoGroups.Technicians);
    public static readonly TestUser Farmer = new("farmer-sub", CognitoGroups.Farmers);
    /// <summary>A farmer whose account an admin disabled; the token is still valid.</summary>
    public static readonly TestUser Disabled = new("disabled-sub", CognitoGroups.Farmers);
    /// <summary>A valid token of the pool that carries none of the platform's groups.</summary>
    public static readonly TestUser NoRole = new("no-role-sub");

    public Guid OwnFarm { get; } = Fleet.Farms[0].Id;
    public Guid ForeignFarm { get; } = Fleet.Farms[2].Id;
    public string OwnSerial { get; } = Fleet.Equipment.First(e => e.FarmId == Fleet.Farms[0].Id).Thing;
    public string ForeignSerial { get; } = Fleet.Equipment.First(e => e.FarmId == Fleet.Farms[2].Id).Thing;

    public static async Task<Tenants> SeedAsync(ValmetalDbContext db)
    {
        var tenants = new Tenants();
        await DemoFleetSeeder.SeedAsync(db, TimeProvider.System, CancellationToken.None);
        Add(db, Admin, []);
        Add(db, Technician, [tenants.OwnFarm]);
        Add(db, Farmer, [tenants.OwnFarm]);
        Add(db, Disabled, [tenants.OwnFarm], disabled: true);
        await db.SaveChangesAsync();
        return tenants;
    }

    private static void Add(ValmetalDbContext db, TestUser user, Guid[] farms, bool disabled = false) => db.Users.Add(new AppUser
    {
        Sub = user.Sub,
        Email = $"{user.Sub}@example.test",
        DisplayName = user.Sub,
        Role = user.Groups[0],
        Disabled = disabled,
        CreatedAt = DateTimeOffset.UtcNow,
        Farms = farms.Select(f => new FarmMembership { UserSub = user.Sub, FarmId = f }).ToList(),
    });
}
