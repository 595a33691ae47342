using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Valmetal.Telemetry.Ingestion;

public sealed class BrokerConnectionHealthCheck(TelemetryBrokerConnection connection) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(connection.IsConnected
            ? HealthCheckResult.Healthy("subscribed to device topics")
            : HealthCheckResult.Unhealthy("not connected to the broker"));
}
