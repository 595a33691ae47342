using Npgsql;
using Valmetal.Telemetry.Storage;

namespace Valmetal.Telemetry.Tests.Storage;

/// <summary>A batch's points stored by <see cref="TimeSeriesStore"/> in a transaction of their own, committed.</summary>
public static class CommittedWrites
{
    /// <returns>How many points were new.</returns>
    public static async Task<int> StoreAsync(NpgsqlDataSource dataSource, IReadOnlyList<TelemetryPoint> points)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var stored = await TimeSeriesStore.WriteAsync(connection, transaction, points, CancellationToken.None);
        await transaction.CommitAsync();
        return stored;
    }
}
