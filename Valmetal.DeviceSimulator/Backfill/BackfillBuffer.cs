using Valmetal.DeviceContract;
using Valmetal.DeviceContract.Messages;

namespace Valmetal.DeviceSimulator.Backfill;

/// <summary>
/// Samples taken while the device could not publish, kept in a bounded buffer as a controller's flash would: when it
/// is full the oldest sample goes, and the loss is counted. Drained oldest first in batches the contract allows.
/// </summary>
public sealed class BackfillBuffer
{
    private readonly Queue<TelemetrySample> _samples = new();
    private readonly int _capacity;

    public BackfillBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    public int Count => _samples.Count;

    /// <summary>Samples lost to a full buffer since the device started.</summary>
    public long Dropped { get; private set; }

    public void Add(TelemetrySample sample)
    {
        if (_samples.Count == _capacity)
        {
            _samples.Dequeue();
            Dropped++;
        }

        _samples.Enqueue(sample);
    }

    /// <summary>The oldest samples, at most one message's worth; they stay buffered until <see cref="Remove"/>.</summary>
    public IReadOnlyList<TelemetrySample> PeekBatch(int maxSamples = ContractLimits.MaxSamplesPerMessage) =>
        _samples.Take(Math.Min(maxSamples, ContractLimits.MaxSamplesPerMessage)).ToList();

    /// <summary>Forgets the oldest <paramref name="count"/> samples once the broker has acknowledged them.</summary>
    public void Remove(int count)
    {
        for (var i = 0; i < count && _samples.Count > 0; i++)
        {
            _samples.Dequeue();
        }
    }
}
