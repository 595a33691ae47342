using Npgsql;

namespace Valmetal.Telemetry.Ingestion.Slots;

/// <summary>Renews a held slot three times per lease until cancelled, and says when another task has taken it.</summary>
public static partial class SlotRenewal
{
    /// <summary>
    /// Returns when <paramref name="ct"/> is cancelled (true) or the slot is no longer this holder's (false). A database
    /// that cannot be reached is retried: while it is down no other task can take the slot over either.
    /// </summary>
    public static async Task<bool> RenewUntilCancelledAsync(
        ClientSlotStore slots, int slot, Guid holder, TimeSpan lease, TimeProvider time, ILogger logger, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(lease / 3, time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    if (!await slots.RenewAsync(slot, holder, ct))
                    {
                        return false;
                    }
                }
                catch (NpgsqlException ex)
                {
                    LogRenewFailed(logger, ex, slot);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Cancelled: the session under this slot has ended or the service is stopping.
        }

        return true;
    }

    [LoggerMessage(LogLevel.Warning, "Could not renew broker client slot {Slot}; retrying")]
    private static partial void LogRenewFailed(ILogger logger, Exception ex, int slot);
}
