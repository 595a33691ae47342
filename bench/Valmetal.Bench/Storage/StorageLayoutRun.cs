using System.Diagnostics;
using System.Globalization;
using Npgsql;
using DemoFleet = Valmetal.DeviceContract.DemoFleet.Fleet;
using Valmetal.DeviceContract.Schema;
using Valmetal.Telemetry.Storage;

namespace Valmetal.Bench.Storage;

/// <summary>
/// The two storage layouts side by side on the platform's PostgreSQL, with the same messages: the platform's, one row
/// per sample written by the telemetry service's own <see cref="TimeSeriesStore"/>, and the previous one, one row per
/// (thing, metric, ts) (<see cref="NarrowLayout"/>). Two writers (as two replicas) store batches of 1,000 messages of 3 metrics, with the
/// rollups; each layout runs twice, in both orders. Then both are checked for idempotence and merging, sized, and
/// queried for one metric's raw points.
/// </summary>
public static class StorageLayoutRun
{
    private const int Devices = 25;
    private const int BatchMessages = 1000;
    private const int Writers = 2;

    public static async Task RunAsync(BenchPlatform platform, int messages)
    {
        var connectionString = await platform.DatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await ExecuteAsync(dataSource, NarrowLayout.Setup(today.AddDays(-1), today.AddDays(2)));
        // The platform's layout writes into the platform's own daily partitions, which the telemetry service creates as points
        // arrive; here nothing else writes, so the bench makes them the same way.
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await new PartitionManager().EnsureAsync(connection, [today.AddDays(-1), today, today.AddDays(1)], CancellationToken.None);
        }

        var start = DateTime.UtcNow.AddMinutes(-30);
        var layouts = new (string Name, Func<NpgsqlConnection, NpgsqlTransaction, IReadOnlyList<StoredMessage>, Task<int>> Write)[]
        {
            ("one row per point (before)", (c, t, batch) => NarrowLayout.WriteAsync(c, t, [.. batch.SelectMany(m => m.Points)])),
            ("one row per sample (now)", (c, t, batch) => TimeSeriesStore.WriteAsync(c, t, [.. batch.SelectMany(m => m.Points)], CancellationToken.None)),
        };

        Console.WriteLine($"Storage layouts: {messages} messages of 3 metrics per layout and round, {Writers} writers, batches of {BatchMessages}");
        var rates = layouts.ToDictionary(l => l.Name, _ => new List<double>());
        for (var round = 0; round < 2; round++)
        {
            foreach (var index in round == 0 ? new[] { 0, 1 } : [1, 0])
            {
                var (name, write) = layouts[index];
                var batches = Batches($"layout{index}-r{round}-", start, messages);
                var clock = Stopwatch.StartNew();
                var stored = await WriteAllAsync(dataSource, batches, write);
                var seconds = clock.Elapsed.TotalSeconds;
                rates[name].Add(messages / seconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  round {round + 1}, {name,-26} {messages / seconds,8:0} messages/s  {stored / seconds,8:0} points/s  ({stored} points new of {messages * 3})"));
            }
        }

        foreach (var (name, list) in rates)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-26} mean {list.Average(),8:0} messages/s"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"one row per sample / one row per point: {rates[layouts[1].Name].Average() / rates[layouts[0].Name].Average():0.00}"));
        await LayoutChecks.PrintAsync(dataSource, layouts, start, BenchPlatform.MetricsOf(DemoFleet.Equipment[7])[0].Key);
        await ExecuteAsync(dataSource, NarrowLayout.Teardown);
    }

    /// <summary>25 devices' messages 1 ms apart from <paramref name="start"/>, interleaved, in batches of 1,000.</summary>
    private static List<StoredMessage[]> Batches(string prefix, DateTime start, int messages)
    {
        var metrics = DemoFleet.Equipment.Take(Devices).Select(d => BenchPlatform.MetricsOf(d).Select(m => m.Key).ToArray()).ToArray();
        return Enumerable.Range(0, messages)
            .Select(i => new StoredMessage(prefix + (i % Devices).ToString("D2", CultureInfo.InvariantCulture), start.AddMilliseconds(i / Devices),
                metrics[i % Devices], [i, i * 0.5, -i]))
            .Chunk(BatchMessages)
            .ToList();
    }

    private static async Task<long> WriteAllAsync(NpgsqlDataSource dataSource, List<StoredMessage[]> batches,
        Func<NpgsqlConnection, NpgsqlTransaction, IReadOnlyList<StoredMessage>, Task<int>> write)
    {
        var next = -1;
        long stored = 0;
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(async _ =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            while (Interlocked.Increment(ref next) is var i && i < batches.Count)
            {
                await using var transaction = await connection.BeginTransactionAsync();
                Interlocked.Add(ref stored, await write(connection, transaction, batches[i]));
                await transaction.CommitAsync();
            }
        }));
        return stored;
    }

    internal static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
