using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.EndToEnd.Tests.Platform;

namespace Valmetal.EndToEnd.Tests.Api;

/// <summary>An admin declares the settings a model accepts; desired configuration for its units is held to them.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ModelSettingsTests(PlatformFixture platform)
{
    [Fact]
    public async Task Desired_configuration_is_checked_against_the_models_settings()
    {
        using var admin = await platform.CreateApiClientAsync(DemoUsers.Admin);
        var thing = PlatformFixture.TestDevice(3).Thing;
        var unit = (await admin.GetFromJsonAsync<JsonObject>($"api/equipment/{thing}"))!;
        var model = $"api/models/{unit["equipment"]!["modelCode"]!.GetValue<string>()}";
        using var declared = await PutAsync(admin, model + "/settings", await ETagAsync(admin, model), new
        {
            settings = new object[]
            {
                new { key = "mode", type = "string", allowed = new[] { "auto", "manual" } },
                new { key = "ration_kg", type = "number", min = 0, max = 5000 },
            },
        });
        try
        {
            declared.EnsureSuccessStatusCode();
            Assert.Equal(2, (await declared.Content.ReadFromJsonAsync<JsonObject>())!["settings"]!.AsArray().Count);
            var state = $"api/equipment/{thing}/state";

            using var outOfRange = await PutAsync(admin, $"api/equipment/{thing}/desired", await ETagAsync(admin, state),
                new { desired = new { mode = "manual", ration_kg = 9000 } });
            using var unknown = await PutAsync(admin, $"api/equipment/{thing}/desired", await ETagAsync(admin, state),
                new { desired = new { colour = "red" } });
            using var accepted = await PutAsync(admin, $"api/equipment/{thing}/desired", await ETagAsync(admin, state),
                new { desired = new { mode = "manual", ration_kg = 900 } });

            Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
            Assert.Equal(["desired.ration_kg"], Errors(await outOfRange.Content.ReadFromJsonAsync<JsonObject>()));
            Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
            Assert.Equal(["desired.colour"], Errors(await unknown.Content.ReadFromJsonAsync<JsonObject>()));
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            using var removed = await PutAsync(admin, $"api/equipment/{thing}/desired", accepted.Headers.ETag!.ToString(),
                new { desired = new { mode = (string?)null, ration_kg = (int?)null } });
            Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        }
        finally
        {
            (await PutAsync(admin, model + "/settings", await ETagAsync(admin, model), new { settings = Array.Empty<object>() })).EnsureSuccessStatusCode();
        }
    }

    private static IEnumerable<string> Errors(JsonObject? problem) => problem!["errors"]!.AsObject().Select(e => e.Key);

    private static async Task<string> ETagAsync(HttpClient api, string url)
    {
        using var response = await api.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return response.Headers.ETag!.ToString();
    }

    private static async Task<HttpResponseMessage> PutAsync(HttpClient api, string url, string etag, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await api.SendAsync(request);
    }
}
