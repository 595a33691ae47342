using Valmetal.DeviceContract.DemoFleet;

namespace Valmetal.EndToEnd.Tests.Api.Authorization;

public enum Caller
{
    Anonymous,
    Farmer,
    Technician,
    Admin,
}

/// <summary>Whose data a request names: the caller's own farm (farm 1) or a farm neither farmer nor technician belongs to (farm 3).</summary>
public enum Target
{
    Own,
    Foreign,
}

public static class Callers
{
    public static DemoUser? User(this Caller caller) => caller switch
    {
        Caller.Farmer => DemoUsers.FarmerBeauregard,
        Caller.Technician => DemoUsers.Technician,
        Caller.Admin => DemoUsers.Admin,
        _ => null,
    };
}
