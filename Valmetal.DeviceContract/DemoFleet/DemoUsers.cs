namespace Valmetal.DeviceContract.DemoFleet;

public sealed record DemoUser(string Email, string Password, string Group, string DisplayName, IReadOnlyList<Guid> FarmIds);

/// <summary>
/// Sign-in accounts of the local platform, one per role (README.md lists them). The passwords are
/// development values for the local Cognito emulator only; no environment in AWS is seeded with them.
/// </summary>
public static class DemoUsers
{
    public static readonly DemoUser Admin = new("admin@valmetal.local", "Valmetal-Admin-2026", "admins", "Alex Admin", []);

    public static readonly DemoUser Technician = new("tech@valmetal.local", "Valmetal-Tech-2026", "technicians", "Sam Technician",
        [Fleet.Farms[0].Id, Fleet.Farms[1].Id]);

    public static readonly DemoUser FarmerBeauregard = new("beauregard@farm.local", "Valmetal-Farmer-2026", "farmers", "Marie Beauregard",
        [Fleet.Farms[0].Id]);

    public static readonly DemoUser FarmerErables = new("erables@farm.local", "Valmetal-Farmer-2026", "farmers", "Luc Tremblay",
        [Fleet.Farms[1].Id]);

    public static readonly DemoUser FarmerPrairie = new("prairie@farm.local", "Valmetal-Farmer-2026", "farmers", "Jenna Walsh",
        [Fleet.Farms[2].Id]);

    public static readonly IReadOnlyList<DemoUser> All = [Admin, Technician, FarmerBeauregard, FarmerErables, FarmerPrairie];
}
