using System.Collections.Frozen;
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

    /// <summary>
    /// Minimal API binding: resolved once per request from the validated token and the users table, as the replica
    /// remembers it at the request's access version (<see cref="AccessCache"/>).
    /// </summary>
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

        var access = await context.RequestServices.GetRequiredService<AccessCache>().ForRequestAsync(context);
        var stored = await access.GetOrLoadAsync(AccessGeneration.UserKind, sub, ct => ReadStoredAsync(context.RequestServices, sub, ct), remember: _ => true, context.RequestAborted);
        var user = new CurrentUser(
            sub,
            Roles.FromGroups(principal.FindAll(CognitoGroups.ClaimType).Select(c => c.Value)),
            stored?.Role,
            stored?.Disabled ?? false,
            stored?.FarmIds ?? FrozenSet<Guid>.Empty);
        context.Items[ItemKey] = user;
        return user;
    }

    /// <summary>The caller's row, or null when they have none (a signed-in user nobody registered).</summary>
    private static async Task<StoredAccount?> ReadStoredAsync(IServiceProvider services, string sub, CancellationToken ct)
    {
        var db = services.GetRequiredService<ValmetalDbContext>();
        var stored = await db.Users.AsNoTracking()
            .Where(u => u.Sub == sub)
            .Select(u => new { u.Disabled, u.Role, Farms = u.Farms.Select(f => f.FarmId).ToList() })
            .FirstOrDefaultAsync(ct);
        return stored is null ? null : new StoredAccount(stored.Disabled, Roles.FromGroups([stored.Role]), stored.Farms.ToFrozenSet());
    }

    /// <summary>Immutable, as a replica shares it between requests.</summary>
    private sealed record StoredAccount(bool Disabled, Role Role, FrozenSet<Guid> FarmIds);
}
