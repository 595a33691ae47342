using Valmetal.Api.Features.Live;
using Valmetal.Api.Security;
using Valmetal.DeviceContract.Messages;

namespace Valmetal.Api.Tests.Live;

/// <summary>What one re-check does to the streams open on a replica, given the users' access it read.</summary>
public sealed class LiveAccessRecheckTests
{
    private static readonly Guid FarmA = Guid.NewGuid();
    private static readonly Guid FarmB = Guid.NewGuid();

    [Fact]
    public void A_lost_farm_is_filtered_out_of_an_unfiltered_stream_which_goes_on_with_the_kept_one()
    {
        using var stream = Open("tech", Role.Technician, null, FarmA, FarmB);

        var ended = LiveAccessRecheck.Apply([stream], Access(("tech", Role.Technician, false, [FarmA])));
        stream.Offer(Update(FarmB));
        stream.Offer(Update(FarmA));

        Assert.Equal(0, ended);
        Assert.Null(stream.Loss);
        Assert.True(stream.Reader.TryRead(out var delivered));
        Assert.Equal(FarmA, delivered.FarmId);
        Assert.False(stream.Reader.TryRead(out _));
    }

    [Fact]
    public void A_gained_farm_reaches_an_unfiltered_stream()
    {
        using var stream = Open("farmer", Role.Farmer, null, FarmA);

        LiveAccessRecheck.Apply([stream], Access(("farmer", Role.Farmer, false, [FarmA, FarmB])));

        Assert.True(stream.Wants(FarmB));
    }

    [Fact]
    public void Ending_a_stream_completes_its_reader_and_lets_nothing_more_in()
    {
        using var disabled = Open("gone", Role.Farmer, null, FarmA);
        using var oneFarm = Open("moved", Role.Farmer, FarmB, FarmB);
        using var untouched = Open("stays", Role.Farmer, FarmA, FarmA);
        disabled.Offer(Update(FarmA));

        var ended = LiveAccessRecheck.Apply([disabled, oneFarm, untouched], Access(
            ("gone", Role.Farmer, true, [FarmA]),
            ("moved", Role.Farmer, false, [FarmA]),
            ("stays", Role.Farmer, false, [FarmA])));

        Assert.Equal(2, ended);
        Assert.Equal(LiveAccessLoss.Disabled, disabled.Loss);
        Assert.Equal(LiveAccessLoss.FarmNotVisible, oneFarm.Loss);
        Assert.True(oneFarm.Reader.Completion.IsCompleted);
        Assert.False(disabled.Wants(FarmA));
        Assert.Null(untouched.Loss);
        Assert.False(untouched.Reader.Completion.IsCompleted);
    }

    [Fact]
    public void An_ended_stream_stays_ended_when_access_comes_back_and_is_counted_once()
    {
        using var stream = Open("back", Role.Farmer, null, FarmA);
        LiveAccessRecheck.Apply([stream], Access(("back", Role.Farmer, true, [FarmA])));

        var ended = LiveAccessRecheck.Apply([stream], Access(("back", Role.Farmer, false, [FarmA])));

        Assert.Equal(0, ended);
        Assert.Equal(LiveAccessLoss.Disabled, stream.Loss);
    }

    private static LiveSubscription Open(string sub, Role role, Guid? farmId, params Guid[] farms) =>
        new(new LiveGrant(sub, role, farmId), LiveFarmFilter.Only(farms), _ => { });

    private static Dictionary<string, StoredAccess> Access(params (string Sub, Role Role, bool Disabled, Guid[] Farms)[] users) =>
        users.ToDictionary(u => u.Sub, u => new StoredAccess(u.Disabled, u.Role, u.Farms.ToHashSet()), StringComparer.Ordinal);

    private static LiveUpdate Update(Guid farmId) => new("VM-1", farmId, DateTimeOffset.UtcNow, null, true);
}
