using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.EndToEnd.Tests.Platform;
using Valmetal.TestSupport.ApiMatrix;

namespace Valmetal.EndToEnd.Tests.Api.Authorization;

/// <summary>
/// Walks the API operations that reach the broker, DynamoDB, S3 or the user pool with every role against own and foreign
/// data, with those running, through the load balancer. Valmetal.Api.Tests walks every operation, and checks that the
/// matrix covers the OpenAPI document.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AuthorizationMatrixTests(PlatformFixture platform)
{
    public static IEnumerable<object[]> Rows() => EndpointMatrix.Rows(c => c.Needs != Needs.DatabaseOnly);

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Each_role_gets_exactly_the_access_the_matrix_says(string operation, Caller caller)
    {
        var data = await DataAsync();
        var endpoint = EndpointMatrix.Find(operation);
        using var client = await platform.CreateApiClientAsync(caller.User());

        foreach (var target in Enum.GetValues<Target>())
        {
            using var request = await endpoint.Build(data, target);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            Assert.True(endpoint.Expect.For(caller, target) == (int)response.StatusCode,
                $"{operation} as {caller} on {target} data: expected {endpoint.Expect.For(caller, target)}, got {(int)response.StatusCode}");
        }
    }

    [Theory]
    [InlineData(Caller.Farmer)]
    [InlineData(Caller.Technician)]
    public async Task Lists_never_contain_foreign_data(Caller caller)
    {
        var data = await DataAsync();
        using var client = await platform.CreateApiClientAsync(caller.User());
        string[] lists = ["api/farms", "api/equipment?pageSize=200", "api/fleet/state", "api/maintenance?pageSize=200", "api/me"];

        foreach (var list in lists)
        {
            var body = await client.GetStringAsync(list);
            Assert.DoesNotContain(data.ForeignFarm.ToString(), body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(data.ForeignSerial, body, StringComparison.Ordinal);
            Assert.Contains(data.OwnSerial, list == "api/farms" || list == "api/me" ? data.OwnSerial : body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_disabled_user_is_refused_even_with_a_valid_token()
    {
        var data = await DataAsync();
        var email = $"disabled-{Guid.NewGuid():N}@example.test";
        var created = await data.Admin.PostAsJsonAsync("api/users", new
        {
            email, displayName = "Soon disabled", role = "farmers", farmIds = new[] { data.OwnFarm }, initialPassword = "Disabled-User-2026",
        });
        created.EnsureSuccessStatusCode();
        var sub = (await created.Content.ReadFromJsonAsync<JsonObject>())!["sub"]!.GetValue<string>();
        var user = new DemoUser(email, "Disabled-User-2026", "farmers", "Soon disabled", [data.OwnFarm]);
        using var client = await platform.CreateApiClientAsync(user);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("api/me")).StatusCode);

        (await data.Admin.PostAsync($"api/users/{sub}/disable", null)).EnsureSuccessStatusCode();

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await client.GetAsync($"api/equipment/{data.OwnSerial}")).StatusCode);
    }

    private Task<MatrixData> DataAsync() => MatrixData.SharedAsync(platform);
}
