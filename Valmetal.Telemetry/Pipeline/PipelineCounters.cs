namespace Valmetal.Telemetry.Pipeline;

/// <summary>
/// Totals since the last report, for the platform-health view: messages, points and rejections handled, and how old
/// the newest sample of each batch was once it was stored (the ingest lag: grows when the pipeline falls behind).
/// </summary>
public sealed class PipelineCounters(TimeProvider time)
{
    private readonly Lock _gate = new();
    private Totals _totals = new();

    public void Add(int messages, int points, int rejections, DateTimeOffset? newestSample)
    {
        var lag = newestSample is { } sample ? Math.Max(0, (time.GetUtcNow() - sample).TotalMilliseconds) : (double?)null;
        lock (_gate)
        {
            _totals.Messages += messages;
            _totals.Points += points;
            _totals.Rejections += rejections;
            if (lag is { } ms)
            {
                _totals.LagSum += ms;
                _totals.LagCount++;
                _totals.LagMax = Math.Max(_totals.LagMax, ms);
            }
        }
    }

    /// <summary>The totals gathered since the previous call.</summary>
    public Totals Take()
    {
        lock (_gate)
        {
            var taken = _totals;
            _totals = new Totals();
            return taken;
        }
    }

    public sealed class Totals
    {
        public long Messages { get; set; }
        public long Points { get; set; }
        public long Rejections { get; set; }
        public double LagSum { get; set; }
        public long LagCount { get; set; }
        public double LagMax { get; set; }
        public double LagAverage => LagCount == 0 ? 0 : LagSum / LagCount;
    }
}
