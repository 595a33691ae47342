using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Valmetal.DeviceContract.Schema;
using Valmetal.Telemetry.Storage;

namespace Valmetal.Bench.Storage;

/// <summary>
/// What a faster layout must keep: a redelivered batch stores and counts nothing; a message with the same timestamp
/// and another metric adds only that metric; the minute is marked for the rollups, and the platform's rollup pass then
/// counts exactly the stored points (the previous layout's samples are not where the pass reads, so only its marking is
/// checked); and a metric's raw points read back fast. Also each layout's size on disk.
/// </summary>
public static class LayoutChecks
{
    private const int QueryRepeats = 50;

    public static async Task PrintAsync(NpgsqlDataSource dataSource,
        (string Name, Func<NpgsqlConnection, NpgsqlTransaction, IReadOnlyList<StoredMessage>, Task<int>> Write)[] layouts, DateTime start, string metric)
    {
        for (var i = 0; i < layouts.Length; i++)
        {
            var (name, write) = layouts[i];
            var thing = $"check{i}";
            var at = start.AddHours(-1);
            var first = await WriteOnceAsync(dataSource, write, [new StoredMessage(thing, at, ["a", "b"], [1, 2])]);
            var again = await WriteOnceAsync(dataSource, write, [new StoredMessage(thing, at, ["a", "b"], [1, 2])]);
            var merged = await WriteOnceAsync(dataSource, write, [new StoredMessage(thing, at, ["b", "c"], [9, 3])]);
            var (stored, marked) = await CountsAsync(dataSource, PointsOf(i), thing);
            var ok = (first, again, merged, stored, marked) == (2, 0, 1, 3, 1);
            var rolledUp = "";
            if (PointsOf(i) == Tables.Points)
            {
                await RollupPass.RunAsync(dataSource, DateTimeOffset.MaxValue, CancellationToken.None);
                var counted = await RolledUpAsync(dataSource, thing);
                ok &= counted == 3;
                rolledUp = $", rollups count {counted}";
            }

            Console.WriteLine($"{name,-26} new message {first} points, redelivered {again}, same ts with one more metric {merged}; stored {stored}, minutes marked {marked}{rolledUp}: {(ok ? "ok" : "WRONG")}");
        }

        for (var i = 0; i < layouts.Length; i++)
        {
            var (table, indexes) = await SizeAsync(dataSource, i == 0 ? $"{NarrowLayout.Schema}.points" : Tables.Samples);
            // The platform's as the API's history reads raw points: by the metric's position in each sample.
            var query = await QueryMillisecondsAsync(dataSource, metric, i == 0
                ? $"select ts, value from {NarrowLayout.Schema}.points where thing = 'layout0-r0-07' and metric = @metric and ts >= @from and ts < @to order by ts"
                : $"select ts, vals[array_position(metrics, @metric)] from {Tables.Samples} where thing = 'layout1-r0-07' and ts >= @from and ts < @to and @metric = any(metrics) order by ts",
                start);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{layouts[i].Name,-26} heap {table / 1048576.0,7:0.0} MiB, indexes {indexes / 1048576.0,7:0.0} MiB; one metric's raw points for 10 min of one device: median {query:0.00} ms"));
        }
    }

    private static async Task<int> WriteOnceAsync(NpgsqlDataSource dataSource,
        Func<NpgsqlConnection, NpgsqlTransaction, IReadOnlyList<StoredMessage>, Task<int>> write, StoredMessage[] batch)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var stored = await write(connection, transaction, batch);
        await transaction.CommitAsync();
        return stored;
    }

    /// <summary>Where layout <paramref name="index"/>'s points read one per row: the previous table, or the platform's view.</summary>
    private static string PointsOf(int index) => index == 0 ? $"{NarrowLayout.Schema}.points" : Tables.Points;

    private static async Task<(long Stored, long Marked)> CountsAsync(NpgsqlDataSource dataSource, string points, string thing)
    {
        await using var command = dataSource.CreateCommand(
            $"select (select count(*) from {points} where thing = @thing), (select count(*) from {Tables.RollupsPending} where thing = @thing)");
        command.Parameters.AddWithValue("thing", thing);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static async Task<long> RolledUpAsync(NpgsqlDataSource dataSource, string thing)
    {
        await using var command = dataSource.CreateCommand($"select coalesce(sum(count), 0)::bigint from {Tables.RollupsMinute} where thing = @thing");
        command.Parameters.AddWithValue("thing", thing);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Heap and index bytes of the layout's raw partitions (rollups are the same in both).</summary>
    private static async Task<(long Table, long Indexes)> SizeAsync(NpgsqlDataSource dataSource, string table)
    {
        await using var command = dataSource.CreateCommand("""
            select coalesce(sum(pg_table_size(i.inhrelid)), 0)::bigint, coalesce(sum(pg_indexes_size(i.inhrelid)), 0)::bigint
            from pg_inherits i where i.inhparent = @table::regclass
            """);
        command.Parameters.AddWithValue("table", table);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static async Task<double> QueryMillisecondsAsync(NpgsqlDataSource dataSource, string metric, string sql, DateTime start)
    {
        var times = new List<double>(QueryRepeats);
        for (var i = 0; i < QueryRepeats; i++)
        {
            await using var command = dataSource.CreateCommand(sql);
            command.Parameters.AddWithValue("metric", metric);
            command.Parameters.AddWithValue("from", start);
            command.Parameters.AddWithValue("to", start.AddMinutes(10));
            var clock = Stopwatch.StartNew();
            await using var reader = await command.ExecuteReaderAsync();
            var rows = 0;
            while (await reader.ReadAsync())
            {
                rows++;
            }

            if (rows == 0)
            {
                throw new InvalidOperationException("The raw-points query found nothing: it would measure nothing.");
            }

            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }
}
