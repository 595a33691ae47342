using Valmetal.Api.Security;

namespace Valmetal.Api.Features.Live;

/// <summary>What a stream was opened with, fixed for its life: whose it is, the token's role, and the one farm asked for.</summary>
public sealed record LiveGrant(string Sub, Role TokenRole, Guid? FarmId);

/// <summary>A user's access as the users table holds it now.</summary>
public sealed record StoredAccess(bool Disabled, Role Role, IReadOnlySet<Guid> FarmIds);

/// <summary>Why a stream may not go on.</summary>
public enum LiveAccessLoss
{
    Disabled,

    /// <summary>The users table no longer records the role the token carries: an admin changed it since the token was issued.</summary>
    RoleChanged,

    /// <summary>The stream was opened for one farm, which the user can no longer see.</summary>
    FarmNotVisible,
}

/// <summary>Either the farms a stream may carry from now on, or why it must end.</summary>
public sealed record LiveAccessDecision(LiveFarmFilter? Filter, LiveAccessLoss? Loss)
{
    public bool Ends => Loss is not null;

    public static LiveAccessDecision Continue(LiveFarmFilter filter) => new(filter, null);

    public static LiveAccessDecision End(LiveAccessLoss loss) => new(null, loss);
}

/// <summary>
/// One rule for opening a stream and for each re-check of an open one, so a stream the re-check would end cannot be
/// opened again with the same token.
/// </summary>
public static class LiveAccessRule
{
    private static readonly IReadOnlySet<Guid> NoFarms = new HashSet<Guid>();

    /// <param name="stored">Null when the user has no row: then what <see cref="CurrentUser"/> assumes (enabled, the token's role, no farms).</param>
    public static LiveAccessDecision Decide(LiveGrant grant, StoredAccess? stored)
    {
        var now = stored ?? new StoredAccess(false, grant.TokenRole, NoFarms);
        if (now.Disabled)
        {
            return LiveAccessDecision.End(LiveAccessLoss.Disabled);
        }

        // An admin sees every farm only while the token and the table both say admin; any other change of role
        // ends the stream too, since a re-filter would apply a role the token does not carry.
        if (now.Role != grant.TokenRole)
        {
            return LiveAccessDecision.End(LiveAccessLoss.RoleChanged);
        }

        var visible = now.Role == Role.Admin ? LiveFarmFilter.Every : LiveFarmFilter.Only(now.FarmIds);
        if (grant.FarmId is { } one)
        {
            return visible.Wants(one)
                ? LiveAccessDecision.Continue(LiveFarmFilter.Only([one]))
                : LiveAccessDecision.End(LiveAccessLoss.FarmNotVisible);
        }

        return LiveAccessDecision.Continue(visible);
    }
}
