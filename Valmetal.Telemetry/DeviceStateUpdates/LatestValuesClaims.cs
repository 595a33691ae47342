using Microsoft.Extensions.Options;
using Npgsql;
using Valmetal.DeviceContract.Schema;
using Valmetal.Telemetry.Ingestion;

namespace Valmetal.Telemetry.DeviceStateUpdates;

/// <summary>
/// Decides across replicas which one writes a device's latest values to its shadow in an interval. The broker hands a
/// device's messages to each replica in turn, so every replica holds values of it, and each would write them: R
/// replicas, R DynamoDB writes per device per interval (docs/benchmarks.md, "Latest values in the device shadow").
/// One row per device in <see cref="Tables.LatestValuesWrites"/> is upserted only when its last write is old enough;
/// the upsert's row lock lets one replica win, and the others drop their copy until their own next turn.
/// </summary>
public sealed class LatestValuesClaims(NpgsqlDataSource dataSource, IOptions<IngestionOptions> options)
{
    [Sql("thing text[]", "since interval")]
    private const string Claim = $"""
        insert into {Tables.LatestValuesWrites} as w (thing, written_at)
        select thing, now() from unnest(@thing) as u(thing) order by thing
        on conflict (thing) do update set written_at = excluded.written_at
            where w.written_at <= now() - @since
        returning w.thing
        """;

    [Sql("thing text[]")]
    private const string Release = $"delete from {Tables.LatestValuesWrites} where thing = any(@thing)";

    /// <summary>A claim holds for the least spacing of a device's turns: a replica's flush at the next turn never loses to it.</summary>
    private TimeSpan Holds => LatestValuesTurns.MinimumSpacing(options.Value);

    /// <returns>The changes of the devices this replica now writes; the others were written within the interval.</returns>
    public async Task<IReadOnlyCollection<DeviceStateChange>> ClaimAsync(IReadOnlyCollection<DeviceStateChange> changes, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(Claim);
        command.Parameters.Add(new NpgsqlParameter<string[]>("thing", changes.Select(c => c.Thing).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<TimeSpan>("since", Holds));
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            claimed.Add(reader.GetString(0));
        }

        return [.. changes.Where(c => claimed.Contains(c.Thing))];
    }

    /// <summary>Gives up claims whose write failed, so that the next flush, on any replica, may write them.</summary>
    public async Task ReleaseAsync(IEnumerable<string> things, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(Release);
        command.Parameters.Add(new NpgsqlParameter<string[]>("thing", things.ToArray()));
        await command.ExecuteNonQueryAsync(ct);
    }
}
