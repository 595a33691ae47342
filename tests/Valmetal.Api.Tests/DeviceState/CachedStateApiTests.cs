using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Valmetal.Api.Contracts;
using Valmetal.Api.Features.DeviceState;
using Valmetal.Api.Tests.Hosting;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.DeviceContract.Messages;
using static Valmetal.Api.Tests.DeviceState.CannedDeviceStates;

namespace Valmetal.Api.Tests.DeviceState;

/// <summary>
/// Fleet and unit state through the API while the cache is live: the tenant rules are the equipment table's, whatever
/// the cache holds, and the ETag is the desired version the cache holds for the unit.
/// </summary>
[Collection(ApiHostCollection.Name)]
public sealed class CachedStateApiTests : IDisposable
{
    private readonly ApiHost _api;
    private readonly CannedDeviceStates _store = new();
    private readonly WebApplicationFactory<Program> _factory;
    private readonly DeviceStateCache _cache;

    public CachedStateApiTests(ApiHost api)
    {
        _api = api;
        foreach (var unit in Fleet.Equipment)
        {
            _store.Set(State(unit.Thing, DateTimeOffset.UtcNow, desiredVersion: 3, metrics: ("motor_temp_c", 40)));
        }

        _factory = api.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IDeviceStateSource>(_store)));
        _cache = _factory.Services.GetRequiredService<DeviceStateCache>();
        // The broker is down here: the test plays the live stream.
        _cache.FeedConnected();
    }

    [Fact]
    public async Task A_farmer_sees_only_their_farms_units_though_the_cache_holds_every_unit()
    {
        using var admin = Client(Tenants.Admin);
        using var farmer = Client(Tenants.Farmer);
        var everything = await admin.GetFromJsonAsync<List<DeviceStateResponse>>("api/fleet/state");
        foreach (var unit in Fleet.Equipment)
        {
            _cache.Apply(new LiveUpdate(unit.Thing, unit.FarmId, DateTimeOffset.UtcNow, new Dictionary<string, double> { ["motor_temp_c"] = 71 }, null));
        }

        var own = await farmer.GetFromJsonAsync<List<DeviceStateResponse>>("api/fleet/state");
        var foreign = await farmer.GetAsync($"api/equipment/{_api.Tenants.ForeignSerial}/state");

        await using var db = _api.NewDbContext();
        var ownFarm = await db.Equipment.Where(e => e.FarmId == _api.Tenants.OwnFarm).Select(e => e.SerialNumber).ToListAsync();
        Assert.Equal(everything!.Count, _cache.Count);
        Assert.Equal(ownFarm.Order(StringComparer.Ordinal), own!.Select(s => s.SerialNumber));
        Assert.All(own!.Where(s => Fleet.Equipment.Any(e => e.Thing == s.SerialNumber)), s => Assert.Equal(71, s.Metrics["motor_temp_c"].Value));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(1, _store.Reads);
    }

    [Fact]
    public async Task The_etag_is_the_desired_version_a_write_would_check_also_after_another_replica_wrote()
    {
        using var farmer = Client(Tenants.Farmer);
        var unit = _api.Tenants.OwnSerial;
        var before = await farmer.GetAsync($"api/equipment/{unit}/state");

        _store.Set(State(unit, DateTimeOffset.UtcNow, desiredVersion: 4));
        _cache.Apply(new LiveUpdate(unit, _api.Tenants.OwnFarm, DateTimeOffset.UtcNow, null, null, DesiredVersion: 4));
        var after = await farmer.GetAsync($"api/equipment/{unit}/state");

        Assert.Equal("\"3\"", before.Headers.ETag?.Tag);
        Assert.Equal("\"4\"", after.Headers.ETag?.Tag);
        Assert.Equal(4, (await after.Content.ReadFromJsonAsync<DeviceStateResponse>())!.DesiredVersion);
    }

    public void Dispose() => _factory.Dispose();

    private HttpClient Client(TestUser user)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", _api.Tokens.AccessToken(user.Sub, user.Groups));
        return client;
    }
}
