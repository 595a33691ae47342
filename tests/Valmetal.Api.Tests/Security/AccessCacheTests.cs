using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Valmetal.Api.Contracts;
using Valmetal.Api.Data;
using Valmetal.Api.Data.Entities;
using Valmetal.Api.Features.DeviceState;
using Valmetal.Api.Security;
using Valmetal.Api.Tests.DeviceState;
using Valmetal.Api.Tests.Hosting;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.Identity;

namespace Valmetal.Api.Tests.Security;

/// <summary>
/// A replica remembers the access rows, yet every request decides with every change committed before it started, made
/// through the API or not: the changes here are made straight in the database, outside the API, so only the database's triggers can
/// tell the replica. Each test has a farm, two units and a farmer of its own.
/// </summary>
[Collection(ApiHostCollection.Name)]
public sealed class AccessCacheTests(ApiHost api) : IAsyncLifetime
{
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private readonly Farm _farm = NewFarm("own");
    private readonly Farm _elsewhere = NewFarm("elsewhere");

    // DynamoDB is down in this host: the units' state comes from a canned store, which has none of them.
    private readonly WebApplicationFactory<Program> _factory = api.Factory.WithWebHostBuilder(b =>
        b.ConfigureTestServices(s => s.AddSingleton<IDeviceStateSource>(new CannedDeviceStates())));

    private TestUser Farmer => new($"cache-farmer-{_suffix}", CognitoGroups.Farmers);
    private string Staying => $"CACHE-{_suffix}-1";
    private string Moving => $"CACHE-{_suffix}-2";

    [Fact]
    public async Task A_caller_disabled_is_refused_on_their_next_request()
    {
        using var farmer = Client(Farmer);
        Assert.Equal(HttpStatusCode.OK, (await farmer.GetAsync("api/fleet/state")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await farmer.GetAsync("api/fleet/state")).StatusCode);

        await ChangeAsync(db => db.Users.Where(u => u.Sub == Farmer.Sub).ExecuteUpdateAsync(u => u.SetProperty(x => x.Disabled, true)));

        Assert.Equal(HttpStatusCode.Forbidden, (await farmer.GetAsync("api/fleet/state")).StatusCode);
    }

    [Fact]
    public async Task A_unit_moved_to_another_farm_leaves_the_fleet_state_and_its_own_state_at_once()
    {
        using var farmer = Client(Farmer);
        Assert.Equal([Staying, Moving], await FleetAsync(farmer));
        Assert.Equal(HttpStatusCode.OK, (await farmer.GetAsync($"api/equipment/{Moving}/state")).StatusCode);

        await ChangeAsync(db => db.Equipment.Where(e => e.SerialNumber == Moving).ExecuteUpdateAsync(e => e.SetProperty(x => x.FarmId, _elsewhere.Id)));

        Assert.Equal([Staying], await FleetAsync(farmer));
        Assert.Equal(HttpStatusCode.NotFound, (await farmer.GetAsync($"api/equipment/{Moving}/state")).StatusCode);
    }

    [Fact]
    public async Task A_farm_taken_from_the_caller_is_no_longer_theirs_on_their_next_request()
    {
        using var farmer = Client(Farmer);
        Assert.Equal([Staying, Moving], await FleetAsync(farmer, _farm.Id));

        await ChangeAsync(db => db.FarmMemberships.Where(m => m.UserSub == Farmer.Sub).ExecuteDeleteAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await farmer.GetAsync($"api/fleet/state?farmId={_farm.Id}")).StatusCode);
        Assert.Empty(await FleetAsync(farmer));
        Assert.Equal(HttpStatusCode.NotFound, (await farmer.GetAsync($"api/equipment/{Staying}/state")).StatusCode);
    }

    [Fact]
    public async Task Repeated_requests_read_access_from_memory_until_a_row_that_decides_it_changes()
    {
        using var misses = new MissCounter(_factory.Services.GetRequiredService<IMeterFactory>());
        using var farmer = Client(Farmer);

        for (var i = 0; i < 3; i++)
        {
            await FleetAsync(farmer);
        }

        Assert.Equal(1, misses.Of(AccessGeneration.UserKind));
        Assert.Equal(1, misses.Of(AccessGeneration.RosterKind));

        // A column no access rule reads: nothing to forget.
        await ChangeAsync(db => db.Equipment.Where(e => e.SerialNumber == Staying).ExecuteUpdateAsync(e => e.SetProperty(x => x.DisplayName, "renamed")));
        await FleetAsync(farmer);
        Assert.Equal(1, misses.Of(AccessGeneration.RosterKind));

        // The rule for offline units reads the model's inactivity timeout.
        await ChangeAsync(db => db.EquipmentModels.Where(m => m.Code == Fleet.Equipment[0].ModelCode)
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.InactivityTimeoutSeconds, x => x.InactivityTimeoutSeconds)));
        await FleetAsync(farmer);
        Assert.Equal(2, misses.Of(AccessGeneration.UserKind));
        Assert.Equal(2, misses.Of(AccessGeneration.RosterKind));
    }

    public async Task InitializeAsync()
    {
        await using var db = api.NewDbContext();
        db.Farms.AddRange(_farm, _elsewhere);
        db.Equipment.AddRange(Unit(Staying), Unit(Moving));
        db.Users.Add(new AppUser
        {
            Sub = Farmer.Sub,
            Email = $"{Farmer.Sub}@example.test",
            DisplayName = Farmer.Sub,
            Role = CognitoGroups.Farmers,
            CreatedAt = DateTimeOffset.UtcNow,
            Farms = [new FarmMembership { UserSub = Farmer.Sub, FarmId = _farm.Id }],
        });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private HttpClient Client(TestUser user)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", api.Tokens.AccessToken(user.Sub, user.Groups));
        return client;
    }

    private static Farm NewFarm(string name) => new() { Id = Guid.NewGuid(), Name = $"Cache test {name}", Address = "1 rang", TimeZone = "America/Toronto" };

    private Equipment Unit(string serial) => new()
    {
        SerialNumber = serial,
        DisplayName = serial,
        ModelCode = Fleet.Equipment[0].ModelCode,
        FarmId = _farm.Id,
        Firmware = "1.0.0",
        InstalledOn = new DateOnly(2026, 1, 1),
    };

    private static async Task<List<string>> FleetAsync(HttpClient client, Guid? farm = null)
    {
        var states = await client.GetFromJsonAsync<List<DeviceStateResponse>>(farm is null ? "api/fleet/state" : $"api/fleet/state?farmId={farm}");
        return states!.Select(s => s.SerialNumber).ToList();
    }

    /// <summary>A change made straight in the database, as a migration or an operator would: the API hears nothing of it.</summary>
    private async Task ChangeAsync(Func<ValmetalDbContext, Task<int>> change)
    {
        await using var db = api.NewDbContext();
        Assert.Equal(1, await change(db));
    }

    /// <summary>The misses of this API host's access cache, by kind of lookup (not those of other hosts in the process).</summary>
    private sealed class MissCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _misses = [];

        public MissCounter(IMeterFactory scope)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == AccessCache.MeterName && ReferenceEquals(instrument.Meter.Scope, scope))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                string? kind = null, result = null;
                foreach (var tag in tags)
                {
                    (kind, result) = tag.Key switch
                    {
                        "kind" => ((string?)tag.Value, result),
                        "result" => (kind, (string?)tag.Value),
                        _ => (kind, result),
                    };
                }

                if (result == "miss" && kind is not null)
                {
                    lock (_misses)
                    {
                        _misses[kind] = _misses.GetValueOrDefault(kind) + value;
                    }
                }
            });
            _listener.Start();
        }

        public long Of(string kind)
        {
            lock (_misses)
            {
                return _misses.GetValueOrDefault(kind);
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
