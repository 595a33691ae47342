using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry.Trace;
using Valmetal.Telemetry.Diagnostics;

namespace Valmetal.Telemetry.Tests.Diagnostics;

public sealed class BatchTraceSamplerTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void One_batch_trace_is_kept_per_interval_and_every_other_root_span()
    {
        var sampler = new BatchTraceSampler(TimeSpan.FromSeconds(10), _time);

        Assert.Equal(SamplingDecision.RecordAndSample, Decide(sampler, TelemetryMetrics.BatchActivity));
        Assert.Equal(SamplingDecision.Drop, Decide(sampler, TelemetryMetrics.BatchActivity));
        Assert.Equal(SamplingDecision.RecordAndSample, Decide(sampler, "GET /api/fleet/state"));

        _time.Advance(TimeSpan.FromSeconds(9.9));
        Assert.Equal(SamplingDecision.Drop, Decide(sampler, TelemetryMetrics.BatchActivity));
        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(SamplingDecision.RecordAndSample, Decide(sampler, TelemetryMetrics.BatchActivity));
        Assert.Equal(SamplingDecision.Drop, Decide(sampler, TelemetryMetrics.BatchActivity));
    }

    private static SamplingDecision Decide(Sampler sampler, string name) =>
        sampler.ShouldSample(new SamplingParameters(default, ActivityTraceId.CreateRandom(), name, ActivityKind.Internal)).Decision;
}
