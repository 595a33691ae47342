using Valmetal.Api.Tests.Hosting;
using Valmetal.TestSupport.ApiMatrix;

namespace Valmetal.Api.Tests.Authorization;

/// <summary>Every write operation gets the bad bodies of <see cref="BadBodies"/>: a 4xx problem, never a 500.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class BadInputTests(ApiHost api)
{
    public static IEnumerable<object[]> WriteOperations() => BadBodies.WriteOperations().Select(c => new object[] { c.Key });

    /// <summary>Who sends an operation's bad bodies when an admin cannot send its valid one (admins choose no farms to hear about).</summary>
    private static readonly Dictionary<string, TestUser> Senders = new(StringComparer.Ordinal)
    {
        ["PUT /api/me/notifications"] = Tenants.Farmer,
    };

    [Theory]
    [MemberData(nameof(WriteOperations))]
    public async Task Bad_bodies_get_a_4xx_problem_never_a_500(string operation)
    {
        var data = await api.MatrixDataAsync();
        var endpoint = EndpointMatrix.Find(operation);
        using var client = api.Client(Senders.GetValueOrDefault(operation, Tenants.Admin));
        using var template = await endpoint.Build(data, Target.Own);

        var failures = await BadBodies.SendAllAsync(client, template, unavailable: endpoint.Needs != Needs.DatabaseOnly);

        Assert.True(failures.Count == 0, $"{operation}:\n{string.Join('\n', failures)}");
    }
}
