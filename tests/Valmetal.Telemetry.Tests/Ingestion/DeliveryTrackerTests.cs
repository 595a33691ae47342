using Valmetal.Telemetry.Ingestion.Slots;

namespace Valmetal.Telemetry.Tests.Ingestion;

/// <summary>What ending a session reads: deliveries the pipeline is not through with, and whether any came during a wait.</summary>
public sealed class DeliveryTrackerTests
{
    [Fact]
    public async Task A_delivery_is_pending_until_its_acknowledgement_is_out()
    {
        var tracker = new DeliveryTracker();
        var acknowledge = tracker.Delivered(_ => Task.CompletedTask);
        Assert.Equal(1, tracker.Pending);

        await acknowledge(CancellationToken.None);
        Assert.Equal(0, tracker.Pending);
    }

    [Fact]
    public async Task Every_delivery_is_counted_even_once_acknowledged()
    {
        var tracker = new DeliveryTracker();
        var seen = tracker.Deliveries;
        await tracker.Delivered(_ => Task.CompletedTask)(CancellationToken.None);
        await tracker.Delivered(_ => Task.CompletedTask)(CancellationToken.None);

        Assert.Equal(seen + 2, tracker.Deliveries);
        Assert.Equal(0, tracker.Pending);
    }

    /// <summary>A message whose acknowledgement was lost with its connection comes again as a new delivery.</summary>
    [Fact]
    public async Task An_acknowledgement_that_fails_still_ends_the_wait_for_it()
    {
        var tracker = new DeliveryTracker();
        var acknowledge = tracker.Delivered(_ => throw new InvalidOperationException("connection gone"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => acknowledge(CancellationToken.None));
        Assert.Equal(0, tracker.Pending);
    }
}
