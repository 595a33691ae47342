using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.EndToEnd.Tests.Platform;

namespace Valmetal.EndToEnd.Tests.Api;

/// <summary>Bad input gets a problem details answer that says what was wrong, never a 500.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ApiProblemDetailsTests(PlatformFixture platform)
{
    [Theory]
    [InlineData("api/equipment/VM-FM-24001/metrics/motor_temp_c/history?from=yesterday", "from")]
    [InlineData("api/equipment/VM-FM-24001/metrics/motor_temp_c/history?bucketSeconds=0", "bucketSeconds")]
    [InlineData("api/equipment/VM-FM-24001/metrics/motor_temp_c/history?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "to")]
    [InlineData("api/equipment?pageSize=100000", "pageSize")]
    [InlineData("api/equipment?page=abc", "page")]
    [InlineData("api/equipment?page=2147483647&pageSize=200", "page")]
    [InlineData("api/equipment?pageSize=-1", "pageSize")]
    [InlineData("api/alarms?state=all&page=2147483647", "page")]
    [InlineData("api/maintenance?page=10001", "page")]
    [InlineData("api/admin/rejections?page=2147483647&pageSize=200", "page")]
    [InlineData("api/fleet/state?farmId=not-a-guid", "farmId")]
    public async Task Invalid_query_values_answer_400_naming_the_field(string url, string field)
    {
        using var api = await platform.CreateApiClientAsync(DemoUsers.Admin);

        using var response = await api.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains(field, problem!.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1e400", "desired.x")]
    [InlineData("-1e400", "desired.x")]
    [InlineData("1e-400", "desired.x")]
    [InlineData("123456789012345678901234567890123456789", "desired.x")]
    [InlineData("{\"steps\":[1,2e200]}", "desired.x.steps[1]")]
    public async Task Desired_numbers_dynamodb_cannot_store_answer_400_naming_the_key(string number, string field)
    {
        using var api = await platform.CreateApiClientAsync(DemoUsers.Admin);
        var state = $"api/equipment/{PlatformFixture.TestDevice(0).Thing}/state";
        using var read = await api.GetAsync(state);
        read.EnsureSuccessStatusCode();
        using var request = new HttpRequestMessage(HttpMethod.Put, state.Replace("/state", "/desired", StringComparison.Ordinal))
        {
            Content = new StringContent($$$"""{"desired":{"x":{{{number}}}}}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.ToString());

        using var response = await api.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.NotNull(problem!["errors"]![field]);
    }

    [Theory]
    [InlineData("api/equipment/NO-SUCH-THING")]
    [InlineData("api/equipment/NO-SUCH-THING/state")]
    [InlineData("api/equipment/NO-SUCH-THING/metrics/motor_temp_c/history")]
    [InlineData("api/equipment/VM-FM-24001/metrics/no_such_metric/history")]
    [InlineData("api/farms/00000000-0000-0000-0000-000000000000")]
    public async Task Unknown_resources_answer_404_problem_details(string url)
    {
        using var api = await platform.CreateApiClientAsync(DemoUsers.Admin);

        using var response = await api.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_operation_with_a_summary_and_example_bodies()
    {
        using var api = await platform.CreateApiClientAsync(null);

        var document = await api.GetFromJsonAsync<JsonObject>("openapi/v1.json");

        var operations = document!["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(o => (Name: $"{o.Key.ToUpperInvariant()} {p.Key}", Operation: o.Value!.AsObject())))
            .ToList();
        Assert.True(operations.Count > 30, $"only {operations.Count} operations documented");
        Assert.All(operations, o => Assert.False(string.IsNullOrWhiteSpace(o.Operation["summary"]?.GetValue<string>()), $"{o.Name} has no summary"));
        Assert.All(operations.Where(o => o.Operation["requestBody"] is not null), o =>
            Assert.True(o.Operation["requestBody"]!["content"]!["application/json"]?["example"] is not null, $"{o.Name} has no example body"));
    }
}
