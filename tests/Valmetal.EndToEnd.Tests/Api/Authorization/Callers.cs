using Valmetal.DeviceContract.DemoFleet;
using Valmetal.TestSupport.ApiMatrix;

namespace Valmetal.EndToEnd.Tests.Api.Authorization;

/// <summary>The demo users who play each caller: the farmer and the technician belong to farm 1, not to farm 3.</summary>
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
