using System.Data;
using Npgsql;

namespace Valmetal.Api.Infrastructure;

/// <summary>
/// Runs a read on the shared data source again when PostgreSQL drops the connection under it (a restart or a
/// failover ends every pooled connection, and each would otherwise fail one request). EF Core queries get the same
/// from Aspire's retrying execution strategy; raw reads come through here. Reads only: running one twice is harmless.
/// </summary>
public static class TransientReads
{
    private static readonly TimeSpan[] Pauses = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2)];

    public static async Task<NpgsqlDataReader> ExecuteReaderWithRetryAsync(
        this NpgsqlDataSource dataSource, NpgsqlCommand command, CommandBehavior behavior, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await command.ExecuteReaderAsync(behavior, ct);
            }
            catch (NpgsqlException ex) when (ex.IsTransient && attempt < Pauses.Length && !ct.IsCancellationRequested)
            {
                // The other idle connections died with the same server: drop them rather than fail on each in turn.
                dataSource.Clear();
                await Task.Delay(Pauses[attempt], ct);
            }
        }
    }
}
