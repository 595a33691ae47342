using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Npgsql;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Telemetry.Storage;

/// <summary>
/// Creates the daily partitions of <see cref="Tables.Samples"/> before rows need them. Replicas may race
/// to create the same partition; the loser's "already exists" is the outcome both wanted.
/// </summary>
public sealed class PartitionManager
{
    /// <summary>A template: {0} is the partition's name, {1} its first day and {2} the day after its last.</summary>
    [Sql(Check = SqlCheck.RunAndRollBack, FormatWith = ["samples_20000101", "2000-01-01", "2000-01-02"])]
    private const string CreatePartition = $$"""
        create table if not exists {{Tables.TelemetrySchema}}.{0} partition of {{Tables.Samples}}
        for values from ('{1} 00:00:00+00') to ('{2} 00:00:00+00')
        """;

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
            await using var command = new NpgsqlCommand(string.Format(CultureInfo.InvariantCulture, CreatePartitionFormat, name, from, to), connection);
            try
            {
                await command.ExecuteNonQueryAsync(ct);
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateTable or PostgresErrorCodes.UniqueViolation)
            {
                // Created concurrently by another replica.
            }

            _known[day] = true;
        }
    }

    public static IEnumerable<DateOnly> DaysOf(IEnumerable<TelemetryPoint> points) =>
        points.Select(p => DateOnly.FromDateTime(p.Timestamp)).Distinct();
}
