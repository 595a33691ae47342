using Valmetal.DeviceContract.DemoFleet;
using Valmetal.EndToEnd.Tests.Platform;
using Valmetal.EndToEnd.Tests.Api.Authorization;
using Valmetal.TestSupport.ApiMatrix;

namespace Valmetal.EndToEnd.Tests.Api;

/// <summary>
/// The bad bodies (<see cref="BadBodies"/>) of the write operations that reach the broker, DynamoDB, S3 or the user pool,
/// with those running: a value the API passes on must not trip them either. Valmetal.Api.Tests sends the same bodies to
/// every write operation.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class BadInputTests(PlatformFixture platform)
{
    public static IEnumerable<object[]> WriteOperations() =>
        BadBodies.WriteOperations().Where(c => c.Needs != Needs.DatabaseOnly).Select(c => new object[] { c.Key });

    [Theory]
    [MemberData(nameof(WriteOperations))]
    public async Task Bad_bodies_get_a_4xx_problem_never_a_500(string operation)
    {
        var data = await MatrixData.SharedAsync(platform);
        using var admin = await platform.CreateApiClientAsync(DemoUsers.Admin);
        using var template = await EndpointMatrix.Find(operation).Build(data, Target.Own);

        var failures = await BadBodies.SendAllAsync(admin, template, unavailable: false);

        Assert.True(failures.Count == 0, $"{operation}:\n{string.Join('\n', failures)}");
    }
}
