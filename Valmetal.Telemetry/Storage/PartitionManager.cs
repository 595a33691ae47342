using System.Collections.Concurrent;
using System.Globalization;
using Npgsql;

namespace Valmetal.Telemetry.Storage;

/// <summary>
/// Creates the daily partitions of <c>telemetry.points</c> before rows need them. Replicas may race
/// to create the same partition; the loser's "already exists" is the outcome both wanted.
/// </summary>
public sealed class PartitionManager
{
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
            var name = "points_" + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            await using var command = new NpgsqlCommand(
                $"create table if not exists telemetry.{name} partition of telemetry.points " +
                $"for values from ('{from} 00:00:00+00') to ('{to} 00:00:00+00')", connection);
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
