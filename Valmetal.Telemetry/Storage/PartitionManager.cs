using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Npgsql;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Telemetry.Storage;

/// <summary>
/// Creates the daily partitions of <see cref="Tables.Samples"/> before rows need them. Replicas that need the same
/// day at once take turns under a transaction-scoped advisory lock, so the later one finds the partition made; without
/// it, two concurrent <c>create table if not exists</c> both pass the check and one fails with "already exists", an
/// error in the database's log (RDS's, in AWS) for an outcome both wanted.
/// </summary>
public sealed class PartitionManager
{
    /// <summary>A template: {0} is the partition's name, {1} its first day and {2} the day after its last.</summary>
    [Sql(Check = SqlCheck.RunAndRollBack, FormatWith = ["samples_20000101", "2000-01-01", "2000-01-02"])]
    private const string CreatePartition = $$"""
        create table if not exists {{Tables.TelemetrySchema}}.{0} partition of {{Tables.Samples}}
        for values from ('{1} 00:00:00+00') to ('{2} 00:00:00+00')
        """;

    /// <summary>Any fixed key no other advisory lock of the platform uses.</summary>
    [Sql]
    private const string LockCreation = "select pg_advisory_xact_lock(5316190370842287001)";

    private static readonly CompositeFormat CreatePartitionFormat = CompositeFormat.Parse(CreatePartition);

    private readonly ConcurrentDictionary<DateOnly, bool> _known = new();

    public async Task EnsureAsync(NpgsqlConnection connection, IEnumerable<DateOnly> days, CancellationToken ct)
    {
        foreach (var day in days)
        {
            if (_known.ContainsKey(day))
            {
                continue;
            }

            var from = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var to = day.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var name = SamplePartitions.NameOf(day);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using (var lockCreation = new NpgsqlCommand(LockCreation, connection, transaction))
            {
                await lockCreation.ExecuteNonQueryAsync(ct);
            }

            await using (var create = new NpgsqlCommand(string.Format(CultureInfo.InvariantCulture, CreatePartitionFormat, name, from, to), connection, transaction))
            {
                await create.ExecuteNonQueryAsync(ct);
            }

            await transaction.CommitAsync(ct);
            _known[day] = true;
        }
    }

    public static IEnumerable<DateOnly> DaysOf(IEnumerable<TelemetryPoint> points) =>
        points.Select(p => DateOnly.FromDateTime(p.Timestamp)).Distinct();
}
