using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.EndToEnd.Tests.Platform;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.EndToEnd.Tests.Api;

/// <summary>A history query past its time limit is stopped by PostgreSQL itself and answers 503, not 500.</summary>
[Collection(PlatformCollection.Name)]
public sealed class QueryTimeLimitTests(PlatformFixture platform)
{
    private const string ServerTimeout = "canceling statement due to statement timeout";

    [Fact]
    public async Task A_history_query_past_its_statement_timeout_is_ended_by_PostgreSQL_and_answers_503()
    {
        using var api = await platform.CreateApiClientAsync(DemoUsers.Admin);
        var to = DateTimeOffset.UtcNow;
        // Hour buckets read the hour rollups: the table locked below.
        var url = $"api/equipment/{Fleet.Equipment[0].Thing}/metrics/motor_temp_c/history?from={to.AddDays(-1):O}&to={to:O}&bucketSeconds=3600"
            .Replace("+", "%2B", StringComparison.Ordinal);
        var postgresLog = Path.Combine(PlatformFixture.LogDirectory, "postgres.log");
        var timeoutsBefore = CountTimeouts(postgresLog);

        await using (var db = new NpgsqlConnection(await platform.DatabaseConnectionStringAsync()))
        {
            await db.OpenAsync();
            await using var transaction = await db.BeginTransactionAsync();
            // The query waits for this lock past its limit: statement_timeout counts time spent waiting for locks.
            await using (var hold = new NpgsqlCommand($"lock table {Tables.RollupsHour} in access exclusive mode", db, transaction))
            {
                await hold.ExecuteNonQueryAsync();
            }

            using var stopped = await api.GetAsync(url);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, stopped.StatusCode);
            Assert.NotNull(stopped.Headers.RetryAfter?.Delta);
            var problem = await stopped.Content.ReadFromJsonAsync<JsonObject>();
            Assert.Equal("The query took too long", problem!["title"]?.GetValue<string>());
            await transaction.RollbackAsync();
        }

        // PostgreSQL ended it (a client giving up would log "due to user request" instead), so no runaway query is left
        // holding a connection on the server.
        var timeoutsAfter = await Eventually.PollAsync(
            () => Task.FromResult(CountTimeouts(postgresLog)), count => count > timeoutsBefore, TimeSpan.FromSeconds(10));
        Assert.True(timeoutsAfter > timeoutsBefore, $"postgres.log should say '{ServerTimeout}'");

        // The limit was local to that query's transaction: the pooled connection answers the same query normally.
        using var served = await api.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    private static int CountTimeouts(string log)
    {
        // The platform is still writing it: share the file rather than lock it.
        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var count = 0;
        while (reader.ReadLine() is { } line)
        {
            count += line.Contains(ServerTimeout, StringComparison.Ordinal) ? 1 : 0;
        }

        return count;
    }
}
