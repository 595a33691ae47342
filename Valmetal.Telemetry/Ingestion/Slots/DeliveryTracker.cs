namespace Valmetal.Telemetry.Ingestion.Slots;

/// <summary>
/// For one broker connection: how many delivered messages still wait for their acknowledgement (sent once the
/// batch writer has stored them), and when the last one arrived. Ending a session waits until both are quiet.
/// </summary>
public sealed class DeliveryTracker(TimeProvider time)
{
    private long _pending;
    private long _lastDelivery = time.GetTimestamp();

    public long Pending => Interlocked.Read(ref _pending);

    /// <summary>Counts a delivery; the returned acknowledgement counts it done once the broker has been told.</summary>
    public Func<CancellationToken, Task> Delivered(Func<CancellationToken, Task> acknowledge)
    {
        Interlocked.Increment(ref _pending);
        Interlocked.Exchange(ref _lastDelivery, time.GetTimestamp());
        return async ct =>
        {
            await acknowledge(ct);
            Interlocked.Decrement(ref _pending);
        };
    }

    public bool IsQuietFor(TimeSpan period) =>
        Pending == 0 && time.GetElapsedTime(Interlocked.Read(ref _lastDelivery)) >= period;
}
