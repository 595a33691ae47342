using Valmetal.BrokerClient.Transport;

namespace Valmetal.BrokerClient.Tests;

/// <summary>The coalescing layer's memory: small for a connection that sends little, enough for one that bursts.</summary>
public sealed class WriteCoalescingStreamTests
{
    private const int Capacity = 64 * 1024;

    [Fact]
    public void A_connection_that_sends_little_holds_buffers_for_little_not_for_its_capacity()
    {
        using var wire = new MemoryStream();
        var before = GC.GetAllocatedBytesForCurrentThread();

        using var stream = new WriteCoalescingStream(wire, Capacity);

        // Two buffers of the capacity were 128 KiB for every device connection of a 10,000-device fleet.
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 1, 4 * WriteCoalescingStream.InitialBufferBytes);
    }

    [Fact]
    public async Task A_burst_larger_than_the_first_buffers_arrives_whole_and_in_order()
    {
        var wire = new MemoryStream();
        var packets = Enumerable.Range(0, 40).Select(i => Enumerable.Repeat((byte)i, 3000).ToArray()).ToList();

        await using (var stream = new WriteCoalescingStream(wire, Capacity))
        {
            foreach (var packet in packets)
            {
                await stream.WriteAsync(packet);
            }

            await stream.FlushAsync();
            Assert.Equal(packets.SelectMany(p => p), wire.ToArray());
        }
    }
}
