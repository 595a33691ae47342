using Valmetal.Api.Data.Entities;

namespace Valmetal.Api.Security;

/// <summary>
/// Tenant isolation in the queries themselves: what a caller may not see is never loaded, so a foreign
/// resource is indistinguishable from a missing one (404).
/// </summary>
public static class TenantQueries
{
    public static IQueryable<Farm> VisibleTo(this IQueryable<Farm> farms, CurrentUser user)
    {
        var visible = user.VisibleFarmIds;
        return visible is null ? farms : farms.Where(f => visible.Contains(f.Id));
    }

    public static IQueryable<Equipment> VisibleTo(this IQueryable<Equipment> equipment, CurrentUser user)
    {
        var visible = user.VisibleFarmIds;
        return visible is null ? equipment : equipment.Where(e => visible.Contains(e.FarmId));
    }
}
