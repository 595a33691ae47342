using Valmetal.Api.Tests.Hosting;
using Valmetal.TestSupport.ApiMatrix;

namespace Valmetal.Api.Tests.Authorization;

/// <summary>Every operation gets the edge values of <see cref="EdgeValues"/> in its route and query: never a 500.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class EdgeValueTests(ApiHost api)
{
    public static IEnumerable<object[]> Operations() => EndpointMatrix.Cases.Select(c => new object[] { c.Key });

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Edge_values_in_route_and_query_never_get_a_500(string operation)
    {
        var data = await api.MatrixDataAsync();
        var endpoint = EndpointMatrix.Find(operation);
        using var admin = api.Client(Tenants.Admin);
        var openApi = await api.OpenApiAsync();
        using var template = await endpoint.Build(data, Target.Own);

        var failures = await EdgeValues.SendAllAsync(admin, template, endpoint, EdgeValues.DeclaredParameters(openApi, endpoint),
            unavailable: endpoint.Needs != Needs.DatabaseOnly);

        Assert.True(failures.Count == 0, $"{operation}:\n{string.Join('\n', failures)}");
    }
}
