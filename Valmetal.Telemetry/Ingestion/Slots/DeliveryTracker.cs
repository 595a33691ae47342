namespace Valmetal.Telemetry.Ingestion.Slots;

/// <summary>
/// For one broker client: how many delivered messages the pipeline is not through with yet (it acknowledges each once
/// the batch writer has stored it), and how many came in all. Ending a session waits until none is pending and none
/// comes any more (<see cref="SessionEnding"/>).
/// </summary>
public sealed class DeliveryTracker
{
    private long _pending;
    private long _deliveries;

    public long Pending => Interlocked.Read(ref _pending);

    /// <summary>Every delivery so far, to tell whether any came during a wait.</summary>
    public long Deliveries => Interlocked.Read(ref _deliveries);

    /// <summary>
    /// Counts a delivery; the returned acknowledgement counts it done once the pipeline is through with it. An
    /// acknowledgement that fails (its connection dropped) counts as done too: the broker sends the message again, and
    /// that is a delivery of its own.
    /// </summary>
    public Func<CancellationToken, Task> Delivered(Func<CancellationToken, Task> acknowledge)
    {
        Interlocked.Increment(ref _pending);
        Interlocked.Increment(ref _deliveries);
        return async ct =>
        {
            try
            {
                await acknowledge(ct);
            }
            finally
            {
                Interlocked.Decrement(ref _pending);
            }
        };
    }
}
