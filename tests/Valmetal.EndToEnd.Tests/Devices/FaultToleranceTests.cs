using Npgsql;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.DeviceContract.Messages;
using Valmetal.EndToEnd.Tests.Platform;
using Xunit.Abstractions;

namespace Valmetal.EndToEnd.Tests.Devices;

/// <summary>
/// Faults during a stream of device messages: a telemetry replica killed, PostgreSQL restarted, the broker restarted.
/// After recovery every published point is stored exactly once, and the rollups count each once too.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class FaultToleranceTests(PlatformFixture platform, ITestOutputHelper output)
{
    private const int Messages = 300;
    private static readonly DemoEquipment Device = PlatformFixture.TestDevice(3);
    private static readonly IReadOnlyList<Valmetal.DeviceContract.Catalogue.MetricDefinition> Metrics = Fleet.ModelOf(Device).Metrics.Take(3).ToList();

    [Fact]
    public Task Killing_a_telemetry_replica_mid_stream_loses_and_duplicates_nothing() =>
        StreamThroughAsync(hoursAgo: 30, async () =>
        {
            platform.Kill("telemetry-1");
            await Task.Delay(TimeSpan.FromSeconds(2));
            await platform.StartAsync("telemetry-1");
        });

    [Fact]
    public Task Restarting_PostgreSQL_under_load_loses_and_duplicates_nothing() =>
        StreamThroughAsync(hoursAgo: 31, async () =>
        {
            // Fast shutdown: connections are cut and in-flight transactions roll back, as in a failover.
            await platform.SignalAsync("postgres", "INT");
            await platform.StartAsync("postgres");
            // This test process's own pooled connections died with the server; later tests must not inherit them.
            NpgsqlConnection.ClearAllPools();
            await ApiServesFromTheDatabaseAgainAsync();
        });

    /// <summary>
    /// Known gap, tracked in issue #4's closing note: after Mosquitto 2.0.11 restarts, the telemetry sessions it restored
    /// from persistence stop receiving until their old in-flight messages are acknowledged, and acknowledgements from
    /// before the restart land on the new connection; 30 to 150 of 300 messages were never stored in three runs.
    /// </summary>
    [Fact(Skip = "Issue #4: messages lost across a Mosquitto restart with persisted shared-subscription sessions; see the closing note")]
    public Task Restarting_the_broker_loses_and_duplicates_nothing() =>
        StreamThroughAsync(hoursAgo: 32, async () =>
        {
            await platform.StopAsync("broker");
            await platform.StartAsync("broker");
        });

    private async Task StreamThroughAsync(int hoursAgo, Func<Task> fault)
    {
        // A minute of its own in the past, so neither other tests nor the simulator add to these counts.
        var start = DateTimeOffset.UtcNow.AddHours(-hoursAgo);
        start = new DateTimeOffset(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0, TimeSpan.Zero).AddMinutes(Random.Shared.Next(0, 50));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var device = new ResilientDevice(platform.DeviceIdentity(Device.Thing), Device.Thing);
        Task? injected = null;
        for (var i = 0; i < Messages; i++)
        {
            if (i == Messages / 3)
            {
                injected = fault();
            }

            await device.PublishAsync(Topics.Telemetry(Device.Thing), new TelemetryPayload
            {
                Seq = i,
                Ts = start.AddMilliseconds(100 * i),
                // Inside each metric's valid range and below its thresholds: only storage is under test here.
                Metrics = Metrics.ToDictionary(m => m.Key, m => m.MinValid + (m.MaxValid - m.MinValid) * (i % 10) / 20),
            }, timeout.Token);
            await Task.Delay(10, timeout.Token);
        }

        await injected!;
        output.WriteLine($"{Messages} messages published; {device.Retries} publishes retried during the fault");

        var expected = Messages * Metrics.Count;
        var (points, rolledUp) = await Eventually.GetAsync(async () =>
        {
            var counts = await CountAsync(start);
            return counts.Points >= expected ? new Tuple<long, long>(counts.Points, counts.RolledUp) : null;
        }, TimeSpan.FromSeconds(90), $"{expected} points to be stored (missing messages: {await MissingAsync(start)})");
        // Redeliveries still on their way would show up now as extra points or extra rollup counts.
        await Task.Delay(TimeSpan.FromSeconds(2));
        (points, rolledUp) = await CountAsync(start);

        Assert.Equal(expected, points);
        Assert.Equal(expected, rolledUp);
        await platform.App.ResourceNotifications.WaitForResourceHealthyAsync("telemetry-1").WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>
    /// The API's idle pooled connections also died with the server, and each fails once when next used (known gap,
    /// issue #4 note: no retry on the raw history queries yet); later tests need an API that answers again.
    /// </summary>
    private async Task ApiServesFromTheDatabaseAgainAsync()
    {
        using var admin = await platform.CreateApiClientAsync(DemoUsers.Admin);
        var successes = 0;
        await Eventually.GetAsync(async () =>
        {
            // Concurrent requests draw on every pooled connection, so each broken one is used (and dropped) once.
            var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
            {
                using var response = await admin.GetAsync($"api/equipment/{Device.Thing}/metrics/{Metrics[0].Key}/history");
                return response.IsSuccessStatusCode;
            }));
            successes = answers.All(ok => ok) ? successes + 1 : 0;
            return successes >= 2 ? "answering" : null;
        }, TimeSpan.FromSeconds(60), "the API to answer history queries again");
    }

    private async Task<string> MissingAsync(DateTimeOffset start)
    {
        await using var db = new NpgsqlConnection(await platform.DatabaseConnectionStringAsync() + ";Pooling=false");
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select string_agg(i::text, ',') from generate_series(0, @n - 1) i
            where not exists (select 1 from telemetry.points p where p.thing = @thing and p.metric = @metric
                              and p.ts = @from + make_interval(secs => i * 0.1))
            """, db);
        command.Parameters.AddWithValue("n", Messages);
        command.Parameters.AddWithValue("thing", Device.Thing);
        command.Parameters.AddWithValue("metric", Metrics[0].Key);
        command.Parameters.AddWithValue("from", start.UtcDateTime);
        return (await command.ExecuteScalarAsync())?.ToString() ?? "none";
    }

    private async Task<(long Points, long RolledUp)> CountAsync(DateTimeOffset start)
    {
        // No pooling: a pooled connection from before a database restart would fail on first use.
        await using var db = new NpgsqlConnection(await platform.DatabaseConnectionStringAsync() + ";Pooling=false");
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select (select count(*) from telemetry.points where thing = @thing and ts >= @from and ts < @to),
                   (select coalesce(sum(count), 0)::bigint from telemetry.rollups_minute where thing = @thing and bucket >= @from and bucket < @to)
            """, db);
        command.Parameters.AddWithValue("thing", Device.Thing);
        command.Parameters.AddWithValue("from", start.UtcDateTime);
        command.Parameters.AddWithValue("to", start.AddMinutes(1).UtcDateTime);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
