using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.EndToEnd.Tests.Platform;

namespace Valmetal.EndToEnd.Tests.Api;

/// <summary>Optimistic concurrency: ETag on read, If-Match on write, 412 for a stale write, 428 without If-Match.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ConcurrencyTests(PlatformFixture platform)
{
    private static readonly string Serial = Fleet.Equipment.First(e => e.FarmId == DemoUsers.Technician.FarmIds[1]).Thing;

    [Fact]
    public async Task The_second_of_two_writers_holding_the_same_etag_gets_412_and_the_first_change_survives()
    {
        using var admin = await platform.CreateApiClientAsync(DemoUsers.Admin);
        using var technician = await platform.CreateApiClientAsync(DemoUsers.Technician);
        var (unit, etag) = await ReadAsync(admin);

        var first = await PutAsync(admin, unit, etag, name: "Renamed by the admin");
        var second = await PutAsync(technician, unit, etag, name: "Renamed by the technician");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotEqual(etag, first.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.PreconditionFailed, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        var (now, _) = await ReadAsync(admin);
        Assert.Equal("Renamed by the admin", now["displayName"]!.GetValue<string>());

        var audit = await admin.GetStringAsync($"api/equipment/{Serial}/audit");
        Assert.Contains("Renamed by the admin", audit, StringComparison.Ordinal);
        Assert.DoesNotContain("Renamed by the technician", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_with_the_fresh_etag_succeeds_after_a_stale_one_failed()
    {
        using var admin = await platform.CreateApiClientAsync(DemoUsers.Admin);
        var (unit, stale) = await ReadAsync(admin);
        (await PutAsync(admin, unit, stale, name: "Intermediate")).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await PutAsync(admin, unit, stale, name: "Lost")).StatusCode);

        var (fresh, etag) = await ReadAsync(admin);
        var retried = await PutAsync(admin, fresh, etag, name: "Retried with the new ETag");

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
    }

    [Fact]
    public async Task A_write_without_if_match_answers_428()
    {
        using var admin = await platform.CreateApiClientAsync(DemoUsers.Admin);
        var (unit, _) = await ReadAsync(admin);

        var response = await PutAsync(admin, unit, etag: null, name: "No precondition");

        Assert.Equal(HttpStatusCode.PreconditionRequired, response.StatusCode);
    }

    [Fact]
    public async Task Concurrent_writers_with_one_etag_produce_exactly_one_success()
    {
        using var admin = await platform.CreateApiClientAsync(DemoUsers.Admin);
        var (unit, etag) = await ReadAsync(admin);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => PutAsync(admin, unit, etag, name: $"Racer {i}")));

        Assert.Equal(1, results.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(7, results.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed));
    }

    private static async Task<(JsonObject Unit, string ETag)> ReadAsync(HttpClient api)
    {
        using var response = await api.GetAsync($"api/equipment/{Serial}");
        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return ((JsonObject)body["equipment"]!, response.Headers.ETag!.ToString());
    }

    private static async Task<HttpResponseMessage> PutAsync(HttpClient api, JsonObject unit, string? etag, string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/equipment/{Serial}")
        {
            Content = JsonContent.Create(new
            {
                displayName = name, farmId = unit["farmId"]!.GetValue<Guid>(), barnId = unit["barnId"]?.GetValue<Guid>(),
                firmware = unit["firmware"]!.GetValue<string>(), status = unit["status"]!.GetValue<string>(),
                runHours = unit["runHours"]!.GetValue<double>(), installedOn = unit["installedOn"]!.GetValue<string>(),
            }),
        };
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        return await api.SendAsync(request);
    }
}
