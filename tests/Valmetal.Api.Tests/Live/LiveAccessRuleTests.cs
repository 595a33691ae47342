using Valmetal.Api.Features.Live;
using Valmetal.Api.Security;

namespace Valmetal.Api.Tests.Live;

public sealed class LiveAccessRuleTests
{
    private static readonly Guid FarmA = Guid.NewGuid();
    private static readonly Guid FarmB = Guid.NewGuid();
    private static readonly Guid Other = Guid.NewGuid();

    [Fact]
    public void A_disabled_user_loses_every_stream()
    {
        var decision = LiveAccessRule.Decide(Grant(Role.Technician), Stored(Role.Technician, disabled: true, FarmA));

        Assert.Equal(LiveAccessLoss.Disabled, decision.Loss);
    }

    [Theory]
    [InlineData(Role.Farmer, Role.Technician)]
    [InlineData(Role.Admin, Role.Technician)]
    [InlineData(Role.Technician, Role.Admin)]
    [InlineData(Role.Technician, Role.None)]
    public void A_role_the_table_no_longer_records_ends_the_stream(Role token, Role stored)
    {
        var decision = LiveAccessRule.Decide(Grant(token), Stored(stored, disabled: false, FarmA));

        Assert.Equal(LiveAccessLoss.RoleChanged, decision.Loss);
    }

    [Fact]
    public void An_unfiltered_stream_carries_the_farms_the_user_has_now()
    {
        var decision = LiveAccessRule.Decide(Grant(Role.Technician), Stored(Role.Technician, disabled: false, FarmA));

        Assert.False(decision.Ends);
        Assert.True(decision.Filter!.Wants(FarmA));
        Assert.False(decision.Filter.Wants(FarmB));
    }

    [Fact]
    public void An_admin_by_token_and_table_sees_every_farm()
    {
        var decision = LiveAccessRule.Decide(Grant(Role.Admin), Stored(Role.Admin, disabled: false));

        Assert.True(decision.Filter!.Wants(Other));
    }

    [Fact]
    public void A_stream_for_one_farm_goes_on_with_that_farm_only_while_the_user_can_see_it()
    {
        var kept = LiveAccessRule.Decide(Grant(Role.Farmer, FarmA), Stored(Role.Farmer, disabled: false, FarmA, FarmB));
        var lost = LiveAccessRule.Decide(Grant(Role.Farmer, FarmA), Stored(Role.Farmer, disabled: false, FarmB));

        Assert.True(kept.Filter!.Wants(FarmA));
        Assert.False(kept.Filter.Wants(FarmB));
        Assert.Equal(LiveAccessLoss.FarmNotVisible, lost.Loss);
    }

    [Fact]
    public void A_user_without_a_row_keeps_the_token_s_role_and_no_farms()
    {
        var farmer = LiveAccessRule.Decide(Grant(Role.Farmer), null);
        var admin = LiveAccessRule.Decide(Grant(Role.Admin, FarmA), null);

        Assert.False(farmer.Ends);
        Assert.False(farmer.Filter!.Wants(FarmA));
        Assert.True(admin.Filter!.Wants(FarmA));
    }

    private static LiveGrant Grant(Role role, Guid? farmId = null) => new("sub-1", role, farmId);

    private static StoredAccess Stored(Role role, bool disabled, params Guid[] farms) => new(disabled, role, farms.ToHashSet());
}
