namespace Valmetal.Telemetry.Pipeline;

/// <summary>
/// Acknowledges each batch once it is stored, while the next batch is being stored: one PUBACK per message costs about
/// as much as storing it, so a replica is bounded by the slower of the two instead of their sum (docs/benchmarks.md).
/// <list type="bullet">
/// <item>A batch is acknowledged only once its store step has returned: quarantine records included, so a message a
/// store refused is acknowledged too, after its refusal is recorded. A store step that throws acknowledges nothing.</item>
/// <item>Messages are acknowledged in the order they arrived, and a batch's acknowledgements start only once the
/// previous batch's are all out: at most one batch is in flight, so their memory is bounded.</item>
/// <item>An acknowledgement that fails belongs to a connection that dropped since the message arrived; the rest of the
/// batch goes on. One that hangs past <see cref="AcknowledgeTimeout"/> gives up the rest of its batch. Stopping gives
/// up what is not sent yet. Either way the broker redelivers those messages and storage ignores the copies.</item>
/// </list>
/// One batch writer drives it, one batch at a time.
/// </summary>
public sealed partial class AcknowledgementPipeline(TimeProvider time, ILogger<AcknowledgementPipeline> logger)
{
    /// <summary>
    /// Longer than the client's keep-alive takes to declare a silent connection dead (1.5 × 30 s): a busy broker that
    /// reads our acknowledgements slowly is waited for (that is back-pressure), a dead connection fails them by itself.
    /// </summary>
    public static readonly TimeSpan AcknowledgeTimeout = TimeSpan.FromSeconds(60);

    private Task _sending = Task.CompletedTask;

    /// <summary>The acknowledgements still going out; it fails only when stopping gave them up.</summary>
    public Task Sending => _sending;

    /// <summary>
    /// Stores a batch with <paramref name="store"/> while the previous batch's acknowledgements go out, then starts
    /// acknowledging this one once those are done.
    /// </summary>
    /// <returns>What the store step returned, and how long the previous batch's acknowledgements held this one up.</returns>
    public async Task<(T Stored, TimeSpan Waited)> StoreThenAcknowledgeAsync<T>(
        IReadOnlyList<IngestItem> batch, Func<CancellationToken, Task<T>> store, CancellationToken ct)
    {
        var stored = await store(ct);
        var ready = time.GetTimestamp();
        await _sending;
        var waited = time.GetElapsedTime(ready);

        // A copy: the writer refills its batch list while these go out.
        _sending = AcknowledgeAsync([.. batch], ct);
        return (stored, waited);
    }

    private async Task AcknowledgeAsync(IngestItem[] batch, CancellationToken ct)
    {
        using var deadline = new CancellationTokenSource(AcknowledgeTimeout, time);
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        foreach (var item in batch)
        {
            try
            {
                await item.Acknowledge(patience.Token);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                LogAcknowledgeFailed(ex);
                if (patience.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Acknowledgement not delivered; the broker will redeliver the message")]
    private partial void LogAcknowledgeFailed(Exception ex);
}
