using System.Diagnostics;
using System.Globalization;

namespace Valmetal.Telemetry.Pipeline;

/// <summary>A one-line summary of the batches of the last ten seconds, for the log: where the time goes.</summary>
public sealed class PipelineStats
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(10);
    private long _since = Stopwatch.GetTimestamp();
    private int _batches;
    private long _messages;
    private TimeSpan _store;
    private TimeSpan _acknowledge;

    /// <returns>A summary when a period is complete, else null.</returns>
    /// <param name="acknowledge">Time spent waiting for the previous batch's acknowledgements to go out.</param>
    public string? Add(int messages, TimeSpan store, TimeSpan acknowledge)
    {
        _batches++;
        _messages += messages;
        _store += store;
        _acknowledge += acknowledge;
        var elapsed = Stopwatch.GetElapsedTime(_since);
        if (elapsed < Period)
        {
            return null;
        }

        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{_messages / elapsed.TotalSeconds:0} messages/s in {_batches} batches (avg {(double)_messages / _batches:0.0}); store {_store.TotalMilliseconds / _batches:0.0} ms, waiting for acknowledgements {_acknowledge.TotalMilliseconds / _batches:0.0} ms per batch");
        (_since, _batches, _messages, _store, _acknowledge) = (Stopwatch.GetTimestamp(), 0, 0, TimeSpan.Zero, TimeSpan.Zero);
        return summary;
    }
}
