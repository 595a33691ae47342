using Npgsql;
using Valmetal.DeviceContract.Schema;
using Valmetal.TestSupport.Postgres;

namespace Valmetal.Schema.Tests;

/// <summary>
/// The statements every ingest batch runs against per-device state find a batch's rows by key when the table holds a
/// 10,000-device fleet: a plan that reads the whole table costs each batch time in proportion to the fleet, the
/// largest share of PostgreSQL's time in the fleet bench when the threshold states were hash-joined that way.
/// Checked with PostgreSQL's own planner on analyzed tables, in a transaction that is rolled back.
/// </summary>
[Collection(MigratedSchemaCollection.Name)]
public sealed class FleetSizedPlanTests(MigratedSchema schema)
{
    private const int Fleet = 10_000;
    private const int Batch = 120;

    /// <summary>As EXPLAIN names them: without their schema.</summary>
    private static readonly string[] PerDeviceTables =
        [.. new[] { Tables.ThresholdStates, Tables.DevicePresence, Tables.LatestValuesWrites }.Select(t => t[(t.IndexOf('.', StringComparison.Ordinal) + 1)..])];

    public static TheoryData<string> Statements() =>
        ["Telemetry ThresholdAlarms.Upsert", "Telemetry PresenceStore.Upsert", "Telemetry LatestValuesClaims.Claim", "Telemetry LatestValuesClaims.Release"];

    [Theory]
    [MemberData(nameof(Statements))]
    public async Task A_batch_reads_its_own_rows_by_key(string id)
    {
        var statement = RegisteredStatements.All.Single(s => s.Id == id);
        await using var connection = new NpgsqlConnection(schema.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var fill = new NpgsqlCommand(
            $"""
            insert into {Tables.ThresholdStates} (thing, metric, level, since, last_ts, last_value)
            select 'unit-' || i, m, 0, now() - interval '1 hour', now() - interval '1 minute', 1
            from generate_series(1, {Fleet}) i, unnest(array['temperature', 'motor_current']) m;
            insert into {Tables.DevicePresence} (thing, online, last_seen, status_changed_at)
            select 'unit-' || i, true, now() - interval '1 minute', now() - interval '1 hour' from generate_series(1, {Fleet}) i;
            insert into {Tables.LatestValuesWrites} (thing, written_at) select 'unit-' || i, now() from generate_series(1, {Fleet}) i;
            analyze {Tables.ThresholdStates}; analyze {Tables.DevicePresence}; analyze {Tables.LatestValuesWrites};
            """, connection, transaction))
        {
            await fill.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand("explain (format text) " + statement.Sql, connection, transaction);
        explain.Parameters.AddRange(BatchParameters(id));
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        await transaction.RollbackAsync();
        Assert.DoesNotContain(plan, line => PerDeviceTables.Any(table => line.Contains("Seq Scan on " + table, StringComparison.Ordinal)));
    }

    /// <summary>A batch of <see cref="Batch"/> devices spread over the fleet, each with its two metrics.</summary>
    private static NpgsqlParameter[] BatchParameters(string id)
    {
        var things = Enumerable.Range(0, Batch).Select(i => $"unit-{1 + i * (Fleet / Batch)}").ToArray();
        var now = DateTime.UtcNow;
        if (id.StartsWith("Telemetry LatestValuesClaims.", StringComparison.Ordinal))
        {
            return id.EndsWith(".Claim", StringComparison.Ordinal)
                ? [new NpgsqlParameter<string[]>("thing", things), new NpgsqlParameter<TimeSpan>("since", TimeSpan.FromSeconds(10))]
                : [new NpgsqlParameter<string[]>("thing", things)];
        }

        if (id == "Telemetry PresenceStore.Upsert")
        {
            return
            [
                new NpgsqlParameter<string[]>("thing", things),
                new NpgsqlParameter<DateTime[]>("last_seen", [.. things.Select(_ => now)]),
                new NpgsqlParameter<bool?[]>("online", [.. things.Select(_ => (bool?)null)]),
                new NpgsqlParameter<DateTime?[]>("changed", [.. things.Select(_ => (DateTime?)null)]),
            ];
        }

        var keys = things.SelectMany(t => new[] { (Thing: t, Metric: "temperature"), (Thing: t, Metric: "motor_current") }).ToList();
        return
        [
            new NpgsqlParameter<string[]>("thing", [.. keys.Select(k => k.Thing)]),
            new NpgsqlParameter<string[]>("metric", [.. keys.Select(k => k.Metric)]),
            new NpgsqlParameter<short[]>("level", [.. keys.Select(_ => (short)0)]),
            new NpgsqlParameter<DateTime[]>("since", [.. keys.Select(_ => now)]),
            new NpgsqlParameter<DateTime[]>("last_ts", [.. keys.Select(_ => now)]),
            new NpgsqlParameter<double[]>("last_value", [.. keys.Select(_ => 1.0)]),
            new NpgsqlParameter<bool[]>("continues", [.. keys.Select(_ => true)]),
        ];
    }
}
