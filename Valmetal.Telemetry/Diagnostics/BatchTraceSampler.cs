using OpenTelemetry.Trace;

namespace Valmetal.Telemetry.Diagnostics;

/// <summary>
/// Keeps one batch trace per interval. A replica stores dozens of batches a second, all alike: kept whole, they were
/// nearly every trace in the dashboard (673 in 40 s) and buried the API's requests. Other root spans are all kept; a
/// child follows its parent (wrap this in <see cref="ParentBasedSampler"/>), so a kept batch keeps its SQL and
/// DynamoDB calls.
/// </summary>
public sealed class BatchTraceSampler(TimeSpan interval, TimeProvider time) : Sampler
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(10);

    private static readonly SamplingResult Keep = new(SamplingDecision.RecordAndSample);
    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);

    private long _nextBatchAt = long.MinValue;

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
    {
        if (samplingParameters.Name != TelemetryMetrics.BatchActivity)
        {
            return Keep;
        }

        var now = time.GetTimestamp();
        var next = Interlocked.Read(ref _nextBatchAt);
        var keep = now >= next
            && Interlocked.CompareExchange(ref _nextBatchAt, now + (long)(interval.TotalSeconds * time.TimestampFrequency), next) == next;
        return keep ? Keep : Drop;
    }
}
