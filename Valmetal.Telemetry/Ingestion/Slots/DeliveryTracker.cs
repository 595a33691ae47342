namespace Valmetal.Telemetry.Ingestion.Slots;

/// <summary>
/// For one broker client: how many delivered messages the pipeline is not through with yet (it acknowledges each once
/// the batch writer has stored it), and when the last one arrived. Ending a session waits until both are quiet.
/// </summary>
public sealed class DeliveryTracker(TimeProvider time)
{
    private long _pending;
    private long _lastDelivery = time.GetTimestamp();

    public long Pending => Interlocked.Read(ref _pending);

    /// <summary>
    /// Counts a delivery; the returned acknowledgement counts it done once the pipeline is through with it. An
    /// acknowledgement that fails (its connection dropped) counts as done too: the broker sends the message again, and
    /// that is a delivery of its own.
    /// </summary>
    public Func<CancellationToken, Task> Delivered(Func<CancellationToken, Task> acknowledge)
    {
        Interlocked.Increment(ref _pending);
        Interlocked.Exchange(ref _lastDelivery, time.GetTimestamp());
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

    public bool IsQuietFor(TimeSpan period) =>
        Pending == 0 && time.GetElapsedTime(Interlocked.Read(ref _lastDelivery)) >= period;
}
