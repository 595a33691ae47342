using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Bench.Fleet;

/// <summary>
/// What the pipeline stored of what the fleet sent, counted once the devices have stopped. Lost means acknowledged
/// and never stored; a sample still on its device when the drain ended was never acknowledged, so it is undelivered,
/// not lost, and a copy of it the pipeline stored anyway counts toward neither.
/// </summary>
public sealed record FleetTally(long AcknowledgedPoints, long StoredOfAcknowledged, long Duplicated, long UndeliveredPoints, long UndeliveredStored)
{
    /// <summary>Acknowledged messages may still be on their way through the broker and the pipeline when the devices
    /// stop; counting waits until the stored total has not moved for this long.</summary>
    private static readonly TimeSpan Settled = TimeSpan.FromSeconds(15);

    public long Lost => Math.Max(0, AcknowledgedPoints - StoredOfAcknowledged);

    public static async Task<FleetTally> CountAsync(NpgsqlConnection db, DateTime from, IReadOnlyList<FleetDevice> devices, long acknowledgedSamples)
    {
        var expected = devices.Sum(d => d.Generated) * 3;
        var (last, still) = (-1L, Stopwatch.StartNew());
        while (await PipelineRuns.CountAsync(db, from) is var points && points < expected && still.Elapsed < Settled)
        {
            if (points != last)
            {
                last = points;
                still.Restart();
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        var stored = await PipelineRuns.CountAsync(db, from);
        var distinct = await PipelineRuns.ScalarAsync(db, $"select count(*) from (select distinct thing, metric, ts from {Tables.Points} where ts >= @from) d", from);
        var undelivered = devices.SelectMany(d => d.StillBuffered().Select(ts => (d.Unit.Thing, Ts: ts))).ToList();
        var undeliveredStored = undelivered.Count == 0 ? 0 : await StoredOfAsync(db, from, undelivered);
        return new FleetTally(acknowledgedSamples * 3, distinct - undeliveredStored, stored - distinct, undelivered.Count * 3L, undeliveredStored);
    }

    private static async Task<long> StoredOfAsync(NpgsqlConnection db, DateTime from, List<(string Thing, DateTime Ts)> samples)
    {
        await using var command = new NpgsqlCommand(
            $"""
            select count(*) from (
                select distinct p.thing, p.metric, p.ts from {Tables.Points} p
                join unnest(@things, @times) as s(thing, ts) on p.thing = s.thing and p.ts = s.ts
                where p.ts >= @from) d
            """, db) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("things", samples.Select(s => s.Thing).ToArray());
        command.Parameters.Add(new NpgsqlParameter("times", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = samples.Select(s => s.Ts).ToArray() });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
