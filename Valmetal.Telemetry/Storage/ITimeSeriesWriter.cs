using Npgsql;

namespace Valmetal.Telemetry.Storage;

/// <summary>
/// Where a batch's points go (<c>TimeSeries:Store</c>): PostgreSQL, in the batch's transaction, or Timestream, called
/// from inside it. Either way a batch written twice stores each point once.
/// </summary>
public interface ITimeSeriesWriter
{
    /// <summary>Work before the batch's transaction opens (PostgreSQL: the day partitions the points fall in).</summary>
    Task PrepareAsync(NpgsqlConnection connection, IReadOnlyList<TelemetryPoint> points, CancellationToken ct);

    /// <summary>Stores the points; answers how many were new, as far as the store can tell.</summary>
    Task<int> WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<TelemetryPoint> points, CancellationToken ct);
}

/// <summary>Points and rollups in PostgreSQL's telemetry schema (<see cref="TimeSeriesStore"/>).</summary>
public sealed class PostgresTimeSeriesWriter(PartitionManager partitions) : ITimeSeriesWriter
{
    public Task PrepareAsync(NpgsqlConnection connection, IReadOnlyList<TelemetryPoint> points, CancellationToken ct) =>
        points.Count == 0 ? Task.CompletedTask : partitions.EnsureAsync(connection, PartitionManager.DaysOf(points), ct);

    public Task<int> WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<TelemetryPoint> points, CancellationToken ct) =>
        TimeSeriesStore.WriteAsync(connection, transaction, points, ct);
}
