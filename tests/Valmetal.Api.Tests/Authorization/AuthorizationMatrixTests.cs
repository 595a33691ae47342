using System.Net;
using Valmetal.Api.Tests.Hosting;
using Valmetal.TestSupport.ApiMatrix;

namespace Valmetal.Api.Tests.Authorization;

/// <summary>
/// Walks every API operation with every role against own and foreign data: tenant isolation in the API itself. An
/// operation that reaches the broker, DynamoDB, S3 or the user pool answers a permitted caller with that dependency's
/// 503 here (none of them runs); the end-to-end suite walks those rows again with them running.
/// </summary>
[Collection(ApiHostCollection.Name)]
public sealed class AuthorizationMatrixTests(ApiHost api)
{
    [Fact]
    public async Task Every_api_operation_has_a_row_in_the_matrix()
    {
        var operations = EndpointMatrix.Operations(await api.OpenApiAsync()).ToHashSet();
        var covered = EndpointMatrix.Cases.Select(c => c.Key).ToHashSet();

        Assert.True(operations.SetEquals(covered),
            $"Missing from the matrix: [{string.Join(", ", operations.Except(covered))}]; in the matrix but not in the API: [{string.Join(", ", covered.Except(operations))}]");
    }

    public static IEnumerable<object[]> Rows() => EndpointMatrix.Rows(_ => true);

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Each_role_gets_exactly_the_access_the_matrix_says(string operation, Caller caller)
    {
        var data = await api.MatrixDataAsync();
        var endpoint = EndpointMatrix.Find(operation);
        using var client = api.Client(User(caller));

        foreach (var target in Enum.GetValues<Target>())
        {
            using var request = await endpoint.Build(data, target);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var expected = endpoint.Expect.For(caller, target);
            // Permitted, so the call goes on to a dependency that is down: a 503 to try again.
            if (expected is >= 200 and < 300 && endpoint.Needs != Needs.DatabaseOnly)
            {
                expected = (int)HttpStatusCode.ServiceUnavailable;
            }

            Assert.True(expected == (int)response.StatusCode,
                $"{operation} as {caller} on {target} data: expected {expected}, got {(int)response.StatusCode} {await BeginningAsync(response)}");
        }
    }

    [Theory]
    [InlineData(Caller.Farmer)]
    [InlineData(Caller.Technician)]
    public async Task Lists_never_contain_foreign_data(Caller caller)
    {
        var data = await api.MatrixDataAsync();
        using var client = api.Client(User(caller));
        string[] lists = ["api/farms", "api/equipment?pageSize=200", "api/maintenance?pageSize=200", "api/alarms?state=all", "api/me"];

        foreach (var list in lists)
        {
            var body = await client.GetStringAsync(list);
            Assert.DoesNotContain(data.Farm(Target.Foreign).ToString(), body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(data.Serial(Target.Foreign), body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("disabled")]
    [InlineData("no role")]
    public async Task A_valid_token_of_a_disabled_user_or_without_a_role_is_refused(string who)
    {
        var user = who == "disabled" ? Tenants.Disabled : Tenants.NoRole;
        using var client = api.Client(user);

        using var response = await client.GetAsync($"api/equipment/{api.Tenants.OwnSerial}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>What the answer begins with: /api/live answers a stream that never ends.</summary>
    private static async Task<string> BeginningAsync(HttpResponseMessage response)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var buffer = new char[500];
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(limit.Token));
        try
        {
            return new string(buffer, 0, await reader.ReadBlockAsync(buffer.AsMemory(), limit.Token));
        }
        catch (OperationCanceledException)
        {
            return "(a stream)";
        }
    }

    private static TestUser? User(Caller caller) => caller switch
    {
        Caller.Farmer => Tenants.Farmer,
        Caller.Technician => Tenants.Technician,
        Caller.Admin => Tenants.Admin,
        _ => null,
    };
}
