using Microsoft.Extensions.Options;
using Npgsql;
using Valmetal.DeviceContract.Schema;
using Valmetal.Telemetry.Ingestion;

namespace Valmetal.Telemetry.Archive;

/// <summary>
/// One retention pass over the raw partitions: every partition past retention, attached or left detached by a pass
/// that stopped, oldest first, archived and dropped (<see cref="PartitionArchive"/>). Telemetry replicas all run it;
/// a session advisory lock lets one at a time through, and the others skip the pass (the lock goes with the session
/// if the holder dies).
/// </summary>
public sealed class ArchivePass(NpgsqlDataSource dataSource, PartitionArchive archive, IOptions<IngestionOptions> options, TimeProvider time)
{
    /// <summary>Any fixed key no other advisory lock of the platform uses.</summary>
    [Sql]
    internal const string TryLock = "select pg_try_advisory_lock(7261100016424242001)";

    [Sql]
    private const string Unlock = "select pg_advisory_unlock(7261100016424242001)";

    /// <summary>The schema's daily tables, partitions or not: a detached one is no longer in pg_inherits.</summary>
    [Sql]
    private const string ListTables = $"""
        select c.relname, exists (select 1 from pg_inherits i where i.inhrelid = c.oid)
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = '{Tables.TelemetrySchema}' and c.relkind = 'r' and starts_with(c.relname, '{SamplePartitions.Prefix}')
        """;

    /// <summary>The partitions archived, or null when another replica holds the pass.</summary>
    public async Task<IReadOnlyList<string>?> RunAsync(CancellationToken ct)
    {
        await using var lockSession = await dataSource.OpenConnectionAsync(ct);
        await using (var tryLock = new NpgsqlCommand(TryLock, lockSession))
        {
            if (await tryLock.ExecuteScalarAsync(ct) is not true)
            {
                return null;
            }
        }

        try
        {
            var archived = new List<string>();
            foreach (var (name, day, attached) in await ExpiredAsync(ct))
            {
                await archive.ArchiveAsync(name, day, attached, ct);
                archived.Add(name);
            }

            return archived;
        }
        finally
        {
            await using var unlock = new NpgsqlCommand(Unlock, lockSession);
            await unlock.ExecuteScalarAsync(CancellationToken.None);
        }
    }

    private async Task<List<(string Name, DateOnly Day, bool Attached)>> ExpiredAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var expired = new List<(string, DateOnly, bool)>();
        await using var list = dataSource.CreateCommand(ListTables);
        await using var reader = await list.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (SamplePartitions.DayOf(reader.GetString(0)) is { } day && RawArchive.IsExpired(day, today, options.Value.MaxSampleAge))
            {
                expired.Add((reader.GetString(0), day, reader.GetBoolean(1)));
            }
        }

        return [.. expired.OrderBy(e => e.Item2)];
    }
}
