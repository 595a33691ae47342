using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.EndToEnd.Tests.Platform;
using Valmetal.EndToEnd.Tests.Api.Authorization;
using Valmetal.TestSupport.ApiMatrix;

namespace Valmetal.EndToEnd.Tests.Api;

/// <summary>
/// The edge values (<see cref="EdgeValues"/>) in the route and query of the operations that reach the broker, DynamoDB,
/// S3 or the user pool, with those running. Valmetal.Api.Tests sends the same values to every operation.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class EdgeValueTests(PlatformFixture platform)
{
    public static IEnumerable<object[]> Operations() =>
        EndpointMatrix.Cases.Where(c => c.Needs != Needs.DatabaseOnly).Select(c => new object[] { c.Key });

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Edge_values_in_route_and_query_never_get_a_500(string operation)
    {
        var data = await MatrixData.SharedAsync(platform);
        var endpoint = EndpointMatrix.Find(operation);
        using var admin = await platform.CreateApiClientAsync(DemoUsers.Admin);
        using var anonymous = await platform.CreateApiClientAsync(null);
        var openApi = (await anonymous.GetFromJsonAsync<JsonObject>("openapi/v1.json"))!;
        using var template = await endpoint.Build(data, Target.Own);

        var failures = await EdgeValues.SendAllAsync(admin, template, endpoint, EdgeValues.DeclaredParameters(openApi, endpoint), unavailable: false);

        Assert.True(failures.Count == 0, $"{operation}:\n{string.Join('\n', failures)}");
    }
}
