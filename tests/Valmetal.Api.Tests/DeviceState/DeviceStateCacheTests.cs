using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Valmetal.Api.Features.DeviceState;
using Valmetal.DeviceContract.Messages;
using static Valmetal.Api.Tests.DeviceState.CannedDeviceStates;

namespace Valmetal.Api.Tests.DeviceState;

/// <summary>The replica's device-state cache: kept by the live stream, loaded and re-read from the store.</summary>
public sealed class DeviceStateCacheTests
{
    private const string Unit = "VM-FM-24001";
    private static readonly Guid Farm = Guid.NewGuid();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly CannedDeviceStates _store = new();

    private DateTimeOffset T0 => _time.GetUtcNow();

    [Fact]
    public async Task A_live_update_is_served_without_reading_the_store_again()
    {
        var cache = Live();
        _store.Set(State(Unit, T0, metrics: ("motor_temp_c", 40)));
        await cache.GetAsync(Unit, consistent: false, default);

        var seen = T0.AddSeconds(5);
        cache.Apply(new LiveUpdate(Unit, Farm, seen, new Dictionary<string, double> { ["motor_temp_c"] = 61.5 }, null, LastSeen: seen));
        var state = await cache.GetAsync(Unit, consistent: false, default);

        Assert.Equal(1, _store.Reads);
        Assert.Equal(61.5, state!.Metrics["motor_temp_c"].Value);
        Assert.Equal(seen, state.LastSeen);
    }

    [Fact]
    public async Task An_older_live_value_does_not_replace_a_newer_one()
    {
        var cache = Live();
        _store.Set(State(Unit, T0, metrics: ("motor_temp_c", 40)));
        await cache.GetAsync(Unit, consistent: false, default);

        cache.Apply(new LiveUpdate(Unit, Farm, T0.AddMinutes(-10), new Dictionary<string, double> { ["motor_temp_c"] = 12 }, false,
            StatusChangedAt: T0.AddMinutes(-10)));
        var state = await cache.GetAsync(Unit, consistent: false, default);

        Assert.Equal(40, state!.Metrics["motor_temp_c"].Value);
        Assert.True(state.Online);
    }

    [Fact]
    public async Task A_lost_update_is_made_good_by_the_resync_which_keeps_newer_live_values()
    {
        var cache = Live();
        _store.Set(State(Unit, T0, metrics: ("motor_temp_c", 40)));
        await cache.GetAsync(Unit, consistent: false, default);
        // Live: a newer value the store's flush has not written yet. Lost: the sweep marking the unit offline.
        cache.Apply(new LiveUpdate(Unit, Farm, T0.AddSeconds(9), new Dictionary<string, double> { ["motor_temp_c"] = 70 }, null));
        _store.Set(State(Unit, T0.AddSeconds(5), online: false, metrics: ("motor_temp_c", 55)));

        await cache.ResyncAsync(default);
        var state = await cache.GetAsync(Unit, consistent: false, default);

        Assert.False(state!.Online);
        Assert.Equal(70, state.Metrics["motor_temp_c"].Value);
        Assert.False(_store.LastConsistent);
    }

    [Fact]
    public async Task A_desired_version_the_cache_has_not_seen_makes_the_next_read_consistent_and_fresh()
    {
        var cache = Live();
        _store.Set(State(Unit, T0, desiredVersion: 3));
        Assert.Equal(3, (await cache.GetAsync(Unit, consistent: false, default))!.DesiredVersion);

        // Another replica wrote version 4; its notice arrives here.
        _store.Set(State(Unit, T0, desiredVersion: 4));
        cache.Apply(new LiveUpdate(Unit, Farm, T0, null, null, DesiredVersion: 4));
        var state = await cache.GetAsync(Unit, consistent: false, default);

        Assert.Equal(4, state!.DesiredVersion);
        Assert.Equal(2, _store.Reads);
        Assert.True(_store.LastConsistent);
    }

    [Fact]
    public async Task A_notice_of_the_version_held_costs_no_read()
    {
        var cache = Live();
        _store.Set(State(Unit, T0, desiredVersion: 4));
        await cache.GetAsync(Unit, consistent: false, default);

        cache.Apply(new LiveUpdate(Unit, Farm, T0, null, null, DesiredVersion: 4));
        await cache.GetAsync(Unit, consistent: false, default);

        Assert.Equal(1, _store.Reads);
    }

    [Fact]
    public async Task A_stale_resync_read_never_takes_the_desired_version_back()
    {
        var cache = Live();
        _store.Set(State(Unit, T0, desiredVersion: 4));
        await cache.GetAsync(Unit, consistent: false, default);
        // The write this replica made, read back consistently; then an eventually consistent read still at 4.
        cache.Put(State(Unit, T0, desiredVersion: 5));

        await cache.ResyncAsync(default);

        Assert.Equal(5, (await cache.GetAsync(Unit, consistent: false, default))!.DesiredVersion);
    }

    [Fact]
    public async Task A_reported_change_is_read_from_the_store()
    {
        var cache = Live();
        _store.Set(State(Unit, T0));
        await cache.GetAsync(Unit, consistent: false, default);
        var reported = State(Unit, T0) with { Reported = new() { ["firmware"] = "2.1.0" }, ReportedVersion = 7 };
        _store.Set(reported);

        cache.Apply(new LiveUpdate(Unit, Farm, T0, null, null, ReportedVersion: 7));
        var state = await cache.GetAsync(Unit, consistent: false, default);

        Assert.Equal("2.1.0", state!.Reported["firmware"]!.GetValue<string>());
        Assert.Equal(7, state.ReportedVersion);
    }

    [Fact]
    public async Task Updates_for_units_nobody_read_are_not_held()
    {
        var cache = Live();

        cache.Apply(new LiveUpdate("VM-NOT-REGISTERED", Farm, T0, new Dictionary<string, double> { ["x"] = 1 }, true));

        Assert.Equal(0, cache.Count);
        Assert.Null(await cache.GetAsync(Unit, consistent: false, default));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task A_unit_never_heard_from_takes_its_first_values_from_the_stream_and_not_from_an_alarm()
    {
        var cache = Live();
        await cache.GetAsync(Unit, consistent: false, default);
        var alarm = new AlarmNotice(Guid.NewGuid(), "offline", "connectivity", "major", "active", "Offline", T0);

        cache.Apply(new LiveUpdate(Unit, Farm, T0, null, null, alarm));
        var afterAlarm = await cache.GetAsync(Unit, consistent: false, default);
        cache.Apply(new LiveUpdate(Unit, Farm, T0, new Dictionary<string, double> { ["motor_temp_c"] = 50 }, true, LastSeen: T0, StatusChangedAt: T0));
        var afterData = await cache.GetAsync(Unit, consistent: false, default);

        Assert.Null(afterAlarm);
        Assert.True(afterData!.Online);
        Assert.Equal(50, afterData.Metrics["motor_temp_c"].Value);
        Assert.Equal(1, _store.Reads);
    }

    [Fact]
    public async Task Past_the_bound_units_are_served_from_the_store_and_not_held()
    {
        var cache = Live(maxUnits: 2);
        string[] units = ["VM-1", "VM-2", "VM-3"];
        foreach (var unit in units)
        {
            _store.Set(State(unit, T0));
        }

        var first = await cache.GetManyAsync(units, consistent: false, default);
        await cache.GetManyAsync(units, consistent: false, default);

        Assert.Equal(3, first.Count(s => s.Value is not null));
        Assert.Equal(2, cache.Count);
        Assert.Equal(["VM-1", "VM-2", "VM-3", "VM-3"], _store.KeysRead);
    }

    [Fact]
    public async Task Without_the_live_stream_every_read_goes_to_the_store_and_a_new_stream_starts_empty()
    {
        var cache = Live();
        _store.Set(State(Unit, T0, metrics: ("motor_temp_c", 40)));
        await cache.GetAsync(Unit, consistent: false, default);

        cache.FeedLost();
        cache.Apply(new LiveUpdate(Unit, Farm, T0.AddSeconds(1), new Dictionary<string, double> { ["motor_temp_c"] = 99 }, null));
        var down = await cache.GetAsync(Unit, consistent: true, default);
        cache.FeedConnected();

        Assert.Equal(40, down!.Metrics["motor_temp_c"].Value);
        Assert.True(_store.LastConsistent);
        Assert.Equal(0, cache.Count);
        Assert.Equal(2, _store.Reads);
    }

    [Fact]
    public async Task Units_nobody_reads_are_dropped_at_the_resync()
    {
        var cache = Live();
        _store.Set(State(Unit, T0));
        _store.Set(State("VM-2", T0));
        await cache.GetManyAsync([Unit, "VM-2"], consistent: false, default);
        _time.Advance(TimeSpan.FromMinutes(11));
        await cache.GetAsync("VM-2", consistent: false, default);

        await cache.ResyncAsync(default);

        Assert.Equal(1, cache.Count);
        Assert.Equal(["VM-2"], _store.KeysRead.Skip(2));
    }

    private DeviceStateCache Live(int maxUnits = 100)
    {
        var cache = new DeviceStateCache(_store, Options.Create(new DeviceStateCacheOptions { MaxUnits = maxUnits }), _time);
        cache.FeedConnected();
        return cache;
    }
}
