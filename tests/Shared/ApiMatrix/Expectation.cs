namespace Valmetal.TestSupport.ApiMatrix;

/// <summary>The status each caller must get for their own and for foreign data.</summary>
public sealed record Expectation(int Anonymous, (int Own, int Foreign) Farmer, (int Own, int Foreign) Technician, (int Own, int Foreign) Admin)
{
    /// <summary>Everyone signed in may do it to their own farms; foreign farms do not exist for them (404).</summary>
    public static Expectation Tenant(int ok) => new(401, (ok, 404), (ok, 404), (ok, ok));

    /// <summary>Managing a farm: its farmers and admins; technicians only service it (403).</summary>
    public static Expectation FarmManagers(int ok) => new(401, (ok, 404), (403, 404), (ok, ok));

    /// <summary>Administration: refused to everyone else whatever the data (403).</summary>
    public static Expectation AdminOnly(int ok) => new(401, (403, 403), (403, 403), (ok, ok));

    /// <summary>Shared reference data (models, own profile): every signed-in user.</summary>
    public static Expectation Everyone(int ok) => new(401, (ok, ok), (ok, ok), (ok, ok));

    public int For(Caller caller, Target target) => caller switch
    {
        Caller.Anonymous => Anonymous,
        Caller.Farmer => target == Target.Own ? Farmer.Own : Farmer.Foreign,
        Caller.Technician => target == Target.Own ? Technician.Own : Technician.Foreign,
        _ => target == Target.Own ? Admin.Own : Admin.Foreign,
    };
}
