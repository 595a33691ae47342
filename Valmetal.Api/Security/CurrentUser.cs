using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Valmetal.Api.Data;
using Valmetal.Identity;

namespace Valmetal.Api.Security;

/// <summary>
/// Who is calling and which farms they may see: admins all, technicians their assigned farms,
/// farmers their own. Every query of farm data goes through <see cref="CanSee"/> or <see cref="VisibleFarmIds"/>.
/// </summary>
public sealed class CurrentUser
{
    private const string ItemKey = nameof(CurrentUser);

    /// <summary>Internal so unit tests can state who is asking; requests bind it with <see cref="BindAsync"/>.</summary>
    internal CurrentUser(string sub, Role role, Role? storedRole, bool disabled, IReadOnlySet<Guid> farmIds)
    {
        Sub = sub;
        Role = role;
        StoredRole = storedRole;
        Disabled = disabled;
        FarmIds = farmIds;
    }

    public string Sub { get; }
    /// <summary>The token's role: what every permission check uses.</summary>
    public Role Role { get; }

    /// <summary>
    /// The role the users table records, null when the caller has no row. It mirrors the token's group, except
    /// after an admin changed it and until the user holds a token issued since.
    /// </summary>
    public Role? StoredRole { get; }

    public bool Disabled { get; }
    public bool IsAdmin => Role == Role.Admin;

    /// <summary>The farms this user belongs to or is assigned to (admins see all farms regardless).</summary>
    public IReadOnlySet<Guid> FarmIds { get; }

    /// <summary>For queries: null means every farm.</summary>
    public IReadOnlyCollection<Guid>? VisibleFarmIds => IsAdmin ? null : FarmIds.ToList();

    public bool CanSee(Guid farmId) => IsAdmin || FarmIds.Contains(farmId);

    /// <summary>Minimal API binding: resolved once per request from the validated token and the users table.</summary>
    public static async ValueTask<CurrentUser?> BindAsync(HttpContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var cached))
        {
            return (CurrentUser?)cached;
        }

        var principal = context.User;
        var sub = principal.FindFirstValue("sub");
        if (sub is null)
        {
            return null;
        }

        var db = context.RequestServices.GetRequiredService<ValmetalDbContext>();
        var stored = await db.Users.AsNoTracking()
            .Where(u => u.Sub == sub)
            .Select(u => new { u.Disabled, u.Role, Farms = u.Farms.Select(f => f.FarmId).ToList() })
            .FirstOrDefaultAsync(context.RequestAborted);
        var user = new CurrentUser(
            sub,
            Roles.FromGroups(principal.FindAll(CognitoGroups.ClaimType).Select(c => c.Value)),
            stored is null ? null : Roles.FromGroups([stored.Role]),
            stored?.Disabled ?? false,
            (stored?.Farms ?? []).ToHashSet());
        context.Items[ItemKey] = user;
        return user;
    }
}
