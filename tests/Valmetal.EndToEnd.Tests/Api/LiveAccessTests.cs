using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.DeviceContract.Messages;
using Valmetal.EndToEnd.Tests.Platform;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.EndToEnd.Tests.Api;

/// <summary>
/// Open live streams follow the access changes an admin makes: the API reads again the access of every open stream's
/// user each <c>Live:AccessRecheck</c> (5 s by default). Each test signs in as a user of its own, so the demo users
/// keep their access; the alarms it raises to have something pushed on a chosen farm are deleted afterwards.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class LiveAccessTests(PlatformFixture platform) : IAsyncLifetime
{
    /// <summary>Several re-check intervals, with room for a loaded machine.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(10);
    private static readonly Guid KeptFarm = Fleet.Farms[0].Id;
    private static readonly Guid LostFarm = Fleet.Farms[1].Id;
    private readonly List<Guid> _alarms = [];
    private HttpClient _admin = null!;

    public async Task InitializeAsync() => _admin = await platform.CreateApiClientAsync(DemoUsers.Admin);

    public async Task DisposeAsync()
    {
        await using var db = new NpgsqlConnection(await platform.DatabaseConnectionStringAsync());
        await db.OpenAsync();
        await using var delete = new NpgsqlCommand($"delete from {Tables.Alarms} where id = any(@ids)", db);
        delete.Parameters.AddWithValue("ids", _alarms.ToArray());
        await delete.ExecuteNonQueryAsync();
        _admin.Dispose();
    }

    [Fact]
    public async Task A_farm_taken_from_a_user_stops_reaching_their_open_stream_while_the_farm_they_keep_still_does()
    {
        var (sub, user) = await InviteAsync("technicians", [KeptFarm, LostFarm]);
        using var everyFarm = new LiveStream(await platform.CreateApiClientAsync(user), "api/live");
        using var lostFarmOnly = new LiveStream(await platform.CreateApiClientAsync(user), $"api/live?farmId={LostFarm}");
        await everyFarm.StartedAsync();
        await lostFarmOnly.StartedAsync();
        var before = await AcknowledgedAlarmAsync(LostFarm);
        await everyFarm.WaitForAsync(before, Delivery);
        await lostFarmOnly.WaitForAsync(before, Delivery);

        (await _admin.PutAsJsonAsync($"api/users/{sub}/farms", new { farmIds = new[] { KeptFarm } })).EnsureSuccessStatusCode();

        // The stream asked for the lost farm alone ends, and says why.
        await lostFarmOnly.EndedAsync(Bound);
        Assert.Equal(LiveEvents.AccessChanged, lostFarmOnly.Events.Last());

        // The other goes on without that farm. Both updates of a pair leave the API in order on its one broker session
        // and one stream delivers in order: once the kept farm's update is there, the lost farm's would have been.
        var pair = await Eventually.PollAsync(PairAsync(everyFarm), p => !p.LostArrived, Bound);
        Assert.False(pair.LostArrived, $"the lost farm's update {pair.Lost} still arrived before {pair.Kept}, {Bound.TotalSeconds:0} s after the change");
        var next = await PairAsync(everyFarm)();
        Assert.False(next.LostArrived, $"the lost farm's update {next.Lost} arrived again before {next.Kept}");
        Assert.True(everyFarm.IsOpen, "the stream of every farm was ended instead of re-filtered");
    }

    [Fact]
    public async Task Disabling_a_user_ends_their_open_stream_and_a_new_one_is_refused()
    {
        var (sub, user) = await InviteAsync("farmers", [KeptFarm]);
        using var api = await platform.CreateApiClientAsync(user);
        using var live = new LiveStream(await platform.CreateApiClientAsync(user), "api/live");
        await live.StartedAsync();

        (await _admin.PostAsync($"api/users/{sub}/disable", null)).EnsureSuccessStatusCode();

        await live.EndedAsync(Bound);
        Assert.Equal(LiveEvents.AccessChanged, live.Events.Last());
        using var again = await api.GetAsync("api/live", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
    }

    [Fact]
    public async Task A_role_change_ends_the_open_stream_and_the_token_from_before_cannot_open_another()
    {
        var (sub, user) = await InviteAsync("farmers", [KeptFarm]);
        using var api = await platform.CreateApiClientAsync(user);
        using var live = new LiveStream(await platform.CreateApiClientAsync(user), "api/live");
        await live.StartedAsync();

        (await _admin.PutAsJsonAsync($"api/users/{sub}/role", new { role = "technicians" })).EnsureSuccessStatusCode();

        await live.EndedAsync(Bound);
        Assert.Equal(LiveEvents.AccessChanged, live.Events.Last());
        // The token still says farmer; the next one the user gets says technician.
        using var again = await api.GetAsync("api/live", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
    }

    private async Task<(string Sub, DemoUser User)> InviteAsync(string role, Guid[] farms)
    {
        var email = $"live-{Guid.NewGuid():N}@example.test";
        const string password = "Live-Access-2026";
        using var created = await _admin.PostAsJsonAsync("api/users", new
        {
            email, displayName = "Live access subject", role, farmIds = farms, initialPassword = password,
        });
        created.EnsureSuccessStatusCode();
        var sub = (await created.Content.ReadFromJsonAsync<JsonObject>())!["sub"]!.GetValue<string>();
        return (sub, new DemoUser(email, password, role, "Live access subject", farms));
    }

    /// <summary>An update of the lost farm, then one of the kept farm; waits for the second.</summary>
    private Func<Task<Pair>> PairAsync(LiveStream stream) => async () =>
    {
        var lost = await AcknowledgedAlarmAsync(LostFarm);
        var kept = await AcknowledgedAlarmAsync(KeptFarm);
        await stream.WaitForAsync(kept, Delivery);
        return new Pair(lost, kept, stream.Saw(lost));
    };

    /// <summary>
    /// A live update on <paramref name="farm"/> that only this test causes: a new alarm (written as the telemetry
    /// service writes one) that the admin acknowledges, which the API pushes with the alarm's id.
    /// </summary>
    private async Task<string> AcknowledgedAlarmAsync(Guid farm)
    {
        var id = Guid.NewGuid();
        _alarms.Add(id);
        await using (var db = new NpgsqlConnection(await platform.DatabaseConnectionStringAsync()))
        {
            await db.OpenAsync();
            await using var insert = new NpgsqlCommand($"""
                insert into {Tables.Alarms} (id, serial_number, kind, source, severity, state, message, raised_at)
                values (@id, @serial, 'fault', @source, 'minor', 'active', 'live access marker', now())
                """, db);
            insert.Parameters.AddWithValue("id", id);
            insert.Parameters.AddWithValue("serial", Fleet.Equipment.First(e => e.FarmId == farm).Thing);
            insert.Parameters.AddWithValue("source", "LA" + id.ToString("N")[..10]);
            await insert.ExecuteNonQueryAsync();
        }

        (await _admin.PostAsync($"api/alarms/{id}/acknowledge", null)).EnsureSuccessStatusCode();
        return id.ToString();
    }

    private sealed record Pair(string Lost, string Kept, bool LostArrived);
}
