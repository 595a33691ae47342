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
    /// <summary>Messages the pipeline refused with a rejection record since <c>from</c>, by reason ("none" if none): an
    /// acknowledged message refused is accounted for there, not silently gone.</summary>
    public string Rejected { get; private init; } = "none";

    /// <summary>How often the stored points are counted again while acknowledged ones are still on their way.</summary>
    private static readonly TimeSpan Recount = TimeSpan.FromSeconds(5);

    public long Lost => Math.Max(0, AcknowledgedPoints - StoredOfAcknowledged);

    /// <summary>
    /// Counts until every acknowledged point is stored, or until the pipeline has stored nothing at all for
    /// <paramref name="patience"/>: acknowledged messages may still be queued at the broker when the devices stop, and
    /// a busy PostgreSQL can store nothing for many seconds, so only a long standstill makes a missing point lost.
    /// </summary>
    public static async Task<FleetTally> CountAsync(NpgsqlConnection db, DateTime from, IReadOnlyList<FleetDevice> devices, long acknowledgedSamples, TimeSpan patience)
    {
        var undelivered = devices.SelectMany(d => d.StillBuffered().Select(ts => (d.Unit.Thing, Ts: ts))).ToList();
        var (inserted, standstill) = (await PipelineRuns.InsertedSoFarAsync(db), Stopwatch.StartNew());
        while (true)
        {
            var (stored, distinct) = await PipelineRuns.StoredAndDistinctAsync(db, from);
            var undeliveredStored = undelivered.Count == 0 ? 0 : await StoredOfAsync(db, from, undelivered);
            var tally = new FleetTally(acknowledgedSamples * 3, distinct - undeliveredStored, stored - distinct, undelivered.Count * 3L, undeliveredStored);
            if (tally.Lost == 0 || standstill.Elapsed > patience)
            {
                return tally with { Rejected = await RejectedAsync(db, from) };
            }

            await Task.Delay(Recount);
            if (await PipelineRuns.InsertedSoFarAsync(db) is var now && now != inserted)
            {
                inserted = now;
                standstill.Restart();
            }
        }
    }

    private static async Task<string> RejectedAsync(NpgsqlConnection db, DateTime from)
    {
        await using var command = new NpgsqlCommand(
            $"select reason, sum(messages)::bigint from {Tables.Rejections} where minute >= date_trunc('minute', @from) group by reason order by reason", db);
        command.Parameters.AddWithValue("from", from);
        await using var reader = await command.ExecuteReaderAsync();
        var reasons = new List<string>();
        while (await reader.ReadAsync())
        {
            reasons.Add($"{reader.GetString(0)} {reader.GetInt64(1)}");
        }

        return reasons.Count == 0 ? "none" : string.Join(", ", reasons);
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
