using Npgsql;
using Valmetal.DeviceContract.Schema;
using Valmetal.Telemetry.Storage;

namespace Valmetal.Bench.Storage;

/// <summary>
/// The layout the platform had before one row per sample, kept in a scratch schema beside the real one so the two
/// stay measurable side by side: one row per (thing, metric, ts), written as the telemetry service wrote it (four
/// arrays, one insert that ignores stored keys and marks only new points' minutes for the platform's rollups).
/// </summary>
public static class NarrowLayout
{
    public const string Schema = "bench_narrow";

    public static string Setup(DateOnly from, DateOnly to) => $"""
        drop schema if exists {Schema} cascade;
        create schema {Schema};
        create table {Schema}.points (
            thing text collate "C" not null, metric text collate "C" not null, ts timestamptz not null, value double precision not null,
            constraint pk_narrow_points primary key (thing, metric, ts)) partition by range (ts);
        create table {Schema}.points_bench partition of {Schema}.points for values from ('{from:yyyy-MM-dd}') to ('{to:yyyy-MM-dd}');
        """;

    public const string Teardown = $"drop schema if exists {Schema} cascade";

    private const string Insert = $"""
        with stored as (
            insert into {Schema}.points (thing, metric, ts, value)
            select * from unnest(@thing, @metric, @ts, @value)
            on conflict (thing, metric, ts) do nothing
            returning thing, metric, ts, value
        ),
        pts as (select * from stored),
        {TimeSeriesStore.MarkPending}
        select count(*) from pts
        """;

    /// <summary>Stores the points in the caller's transaction; returns how many were new.</summary>
    public static async Task<int> WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<TelemetryPoint> points)
    {
        await using var insert = new NpgsqlCommand(Insert, connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter<string[]>("thing", [.. points.Select(p => p.Thing)]));
        insert.Parameters.Add(new NpgsqlParameter<string[]>("metric", [.. points.Select(p => p.Metric)]));
        insert.Parameters.Add(new NpgsqlParameter<DateTime[]>("ts", [.. points.Select(p => p.Timestamp)]));
        insert.Parameters.Add(new NpgsqlParameter<double[]>("value", [.. points.Select(p => p.Value)]));
        return (int)(long)(await insert.ExecuteScalarAsync())!;
    }
}
