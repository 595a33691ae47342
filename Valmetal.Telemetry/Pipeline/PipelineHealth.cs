using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Valmetal.Telemetry.Ingestion;

namespace Valmetal.Telemetry.Pipeline;

/// <summary>
/// Readiness of the pipeline: unhealthy while a store has been failing transiently for longer than
/// <see cref="IngestionOptions.UnhealthyAfter"/>. It is not a liveness check: a database failover makes every
/// replica unready at once, and restarting them all would only add their start-up to the outage.
/// </summary>
public sealed class PipelineHealth(TimeProvider time, IOptions<IngestionOptions> options) : IHealthCheck
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (DateTimeOffset Since, string Error)> _failing = new(StringComparer.Ordinal);

    public void Failing(string store, Exception error)
    {
        lock (_gate)
        {
            var since = _failing.TryGetValue(store, out var current) ? current.Since : time.GetUtcNow();
            _failing[store] = (since, $"{error.GetType().Name}: {error.Message}");
        }
    }

    public void Succeeded(string store)
    {
        lock (_gate)
        {
            _failing.Remove(store);
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var down = _failing.Where(f => now - f.Value.Since >= options.Value.UnhealthyAfter)
                .Select(f => $"{f.Key} failing for {(now - f.Value.Since).TotalSeconds:0} s ({f.Value.Error})")
                .ToList();
            return Task.FromResult(down.Count == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy(string.Join("; ", down)));
        }
    }
}
