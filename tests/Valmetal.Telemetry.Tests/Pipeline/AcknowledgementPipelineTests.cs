using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Valmetal.Telemetry.Pipeline;
using static Valmetal.Telemetry.Tests.Validation.ValidatorFixture;

namespace Valmetal.Telemetry.Tests.Pipeline;

/// <summary>A batch is acknowledged once stored, in arrival order, while the next batch is stored.</summary>
public sealed class AcknowledgementPipelineTests
{
    private readonly FakeTimeProvider _time = new(Now);
    private readonly ConcurrentQueue<string> _acknowledged = new();
    private readonly AcknowledgementPipeline _pipeline;

    public AcknowledgementPipelineTests() => _pipeline = new AcknowledgementPipeline(_time, NullLogger<AcknowledgementPipeline>.Instance);

    [Fact]
    public async Task A_batch_is_acknowledged_only_once_its_store_step_has_returned()
    {
        var storing = new TaskCompletionSource<int>();

        var handing = _pipeline.StoreThenAcknowledgeAsync([Message("a"), Message("b"), Message("c")], _ => storing.Task, CancellationToken.None);
        Assert.False(handing.IsCompleted);
        Assert.Empty(_acknowledged);

        storing.SetResult(42);
        var (stored, _) = await handing;
        await _pipeline.Sending;

        Assert.Equal(42, stored);
        Assert.Equal(["a", "b", "c"], _acknowledged);
    }

    [Fact]
    public async Task A_batch_whose_store_step_throws_is_not_acknowledged()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => _pipeline.StoreThenAcknowledgeAsync<int>(
            [Message("a"), Message("b")], _ => throw new InvalidOperationException("store gave up"), CancellationToken.None));
        await _pipeline.Sending;

        Assert.Empty(_acknowledged);
    }

    /// <summary>An unacknowledged poison message would come back for ever; it is acknowledged once its refusal is kept.</summary>
    [Fact]
    public async Task A_message_the_store_quarantined_is_acknowledged_after_its_refusal_is_recorded()
    {
        var database = new RefusingDatabase();
        var store = database.Isolating(out _);
        var refusalKeptAtAcknowledgement = new List<(int Seq, bool Kept)>();
        var items = Enumerable.Range(0, 10).Select(seq => RefusingDatabase.Item(seq, seq == 4 ? RefusingDatabase.Poison : "motor_temp_c", _ =>
        {
            refusalKeptAtAcknowledgement.Add((seq, database.Rejections.Any(r => r.Topic == $"seq-{seq}")));
            return Task.CompletedTask;
        })).ToList();

        var (stored, _) = await _pipeline.StoreThenAcknowledgeAsync(items, token => store.StoreAsync(items, token), CancellationToken.None);
        await _pipeline.Sending;

        Assert.Equal(["seq-4"], stored.Quarantined.Select(r => r.Topic));
        Assert.Equal(Enumerable.Range(0, 10), refusalKeptAtAcknowledgement.Select(a => a.Seq));
        Assert.Equal([4], refusalKeptAtAcknowledgement.Where(a => a.Kept).Select(a => a.Seq));
    }

    [Fact]
    public async Task The_next_batch_is_stored_while_one_is_acknowledged_and_is_acknowledged_after_it_in_order()
    {
        var broker = new TaskCompletionSource();
        await _pipeline.StoreThenAcknowledgeAsync([Message("a1", broker.Task), Message("a2")], _ => Task.FromResult(0), CancellationToken.None);
        var secondStored = false;

        var second = _pipeline.StoreThenAcknowledgeAsync([Message("b1"), Message("b2")], _ =>
        {
            secondStored = true;
            return Task.FromResult(0);
        }, CancellationToken.None);
        Assert.True(secondStored);
        Assert.False(second.IsCompleted);
        Assert.Empty(_acknowledged);

        _time.Advance(TimeSpan.FromSeconds(3));
        broker.SetResult();
        var (_, waited) = await second;
        await _pipeline.Sending;

        Assert.Equal(TimeSpan.FromSeconds(3), waited);
        Assert.Equal(["a1", "a2", "b1", "b2"], _acknowledged);
    }

    /// <summary>A failed acknowledgement belongs to a dropped connection; the broker redelivers that message.</summary>
    [Fact]
    public async Task An_acknowledgement_that_fails_does_not_hold_up_the_rest()
    {
        await _pipeline.StoreThenAcknowledgeAsync(
            [Message("a", Task.FromException(new InvalidOperationException("connection gone"))), Message("b")],
            _ => Task.FromResult(0), CancellationToken.None);
        await _pipeline.StoreThenAcknowledgeAsync([Message("c")], _ => Task.FromResult(0), CancellationToken.None);
        await _pipeline.Sending;

        Assert.Equal(["b", "c"], _acknowledged);
    }

    [Fact]
    public async Task An_acknowledgement_that_hangs_past_the_timeout_gives_up_the_rest_of_its_batch_only()
    {
        var silent = new TaskCompletionSource();
        await _pipeline.StoreThenAcknowledgeAsync([Message("a1", silent.Task), Message("a2")], _ => Task.FromResult(0), CancellationToken.None);

        _time.Advance(AcknowledgementPipeline.AcknowledgeTimeout - TimeSpan.FromMilliseconds(1));
        Assert.False(_pipeline.Sending.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await _pipeline.Sending;
        await _pipeline.StoreThenAcknowledgeAsync([Message("b1")], _ => Task.FromResult(0), CancellationToken.None);
        await _pipeline.Sending;

        Assert.Equal(["b1"], _acknowledged);
    }

    /// <summary>What is not acknowledged when the replica stops stays at the broker and is stored by the next one once.</summary>
    [Fact]
    public async Task Stopping_gives_up_the_acknowledgements_not_yet_sent_and_acknowledges_no_later_batch()
    {
        using var stopping = new CancellationTokenSource();
        var broker = new TaskCompletionSource();
        await _pipeline.StoreThenAcknowledgeAsync([Message("a"), Message("b", broker.Task), Message("c")], _ => Task.FromResult(0), stopping.Token);

        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _pipeline.Sending);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _pipeline.StoreThenAcknowledgeAsync([Message("d")], _ => Task.FromResult(0), stopping.Token));
        Assert.Equal(["a"], _acknowledged);
    }

    /// <summary>A message whose acknowledgement completes when <paramref name="broker"/> does (at once if null).</summary>
    private IngestItem Message(string name, Task? broker = null) => IngestItem.Duplicate(
        new MessageOrigin(Now, name, Mixer, 10),
        async ct =>
        {
            await (broker ?? Task.CompletedTask).WaitAsync(ct);
            _acknowledged.Enqueue(name);
        });
}
