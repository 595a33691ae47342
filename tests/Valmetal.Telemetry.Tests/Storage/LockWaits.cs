using Npgsql;

namespace Valmetal.Telemetry.Tests.Storage;

/// <summary>Observing one session wait for another's row lock, as PostgreSQL itself reports it.</summary>
public static class LockWaits
{
    /// <summary>
    /// Until PostgreSQL reports <paramref name="pid"/> waiting on <paramref name="blocker"/>'s lock: asked again at
    /// once after each answer, with no pause, and failing if the write ends first.
    /// </summary>
    public static async Task UntilBlockedByAsync(NpgsqlDataSource dataSource, int pid, int blocker, Task write)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var query = dataSource.CreateCommand("select @blocker = any(pg_blocking_pids(@pid))");
        query.Parameters.AddWithValue("pid", pid);
        query.Parameters.AddWithValue("blocker", blocker);
        while (await query.ExecuteScalarAsync(timeout.Token) is not true)
        {
            Assert.False(write.IsCompleted, "The second write finished without waiting for the first one's lock.");
        }
    }
}
