using System.Text.Json;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.Messages;
using Valmetal.DeviceSimulator.Backfill;

namespace Valmetal.DeviceSimulator.Tests;

public sealed class BackfillBufferTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Draining_gives_batches_of_at_most_500_samples_oldest_first()
    {
        var buffer = new BackfillBuffer(capacity: 5_000);
        var added = Samples(1_234).ToList();
        added.ForEach(buffer.Add);

        var batches = Drain(buffer);

        Assert.Equal([500, 500, 234], batches.Select(b => b.Count));
        Assert.Equal(added.Select(s => s.Ts), batches.SelectMany(b => b).Select(s => s.Ts));
        Assert.Equal(0, buffer.Count);
        Assert.Equal(0, buffer.Dropped);
    }

    [Fact]
    public void A_full_buffer_drops_the_oldest_samples_and_counts_them()
    {
        var buffer = new BackfillBuffer(capacity: 3);
        var added = Samples(5).ToList();
        added.ForEach(buffer.Add);

        Assert.Equal(3, buffer.Count);
        Assert.Equal(2, buffer.Dropped);
        Assert.Equal(added.Skip(2).Select(s => s.Ts), buffer.PeekBatch().Select(s => s.Ts));
    }

    [Fact]
    public void A_batch_stays_buffered_until_it_is_removed_so_it_can_be_sent_again()
    {
        var buffer = new BackfillBuffer(capacity: 10);
        Samples(4).ToList().ForEach(buffer.Add);

        var first = buffer.PeekBatch(maxSamples: 3);
        var again = buffer.PeekBatch(maxSamples: 3);
        buffer.Remove(first.Count);

        Assert.Equal(first, again);
        Assert.Equal(Start.AddSeconds(3), Assert.Single(buffer.PeekBatch()).Ts);
    }

    [Fact]
    public void A_batch_never_exceeds_the_contract_even_when_asked_for_more()
    {
        var buffer = new BackfillBuffer(capacity: 2_000);
        Samples(1_000).ToList().ForEach(buffer.Add);

        Assert.Equal(ContractLimits.MaxSamplesPerMessage, buffer.PeekBatch(maxSamples: 900).Count);
    }

    [Fact]
    public void A_full_batch_of_the_widest_model_fits_in_one_message()
    {
        var buffer = new BackfillBuffer(capacity: 500);
        Samples(500).ToList().ForEach(buffer.Add);

        var bytes = JsonSerializer.SerializeToUtf8Bytes(new TelemetryPayload { Seq = long.MaxValue, Samples = buffer.PeekBatch() });

        Assert.InRange(bytes.Length, 1, ContractLimits.MaxPayloadBytes);
    }

    private static List<IReadOnlyList<TelemetrySample>> Drain(BackfillBuffer buffer)
    {
        var batches = new List<IReadOnlyList<TelemetrySample>>();
        while (buffer.Count > 0)
        {
            var batch = buffer.PeekBatch();
            batches.Add(batch);
            buffer.Remove(batch.Count);
        }

        return batches;
    }

    /// <summary>Four metrics with long names and many digits, as wide as a demo model's sample gets.</summary>
    private static IEnumerable<TelemetrySample> Samples(int count) =>
        Enumerable.Range(0, count).Select(i => new TelemetrySample(Start.AddSeconds(i), new Dictionary<string, double>
        {
            ["motor_current_a"] = 123.4567 + i,
            ["motor_temp_c"] = -39.987654,
            ["feed_rate_kg_min"] = 399.123456,
            ["cable_tension_kn"] = 33.333333,
        }));
}
