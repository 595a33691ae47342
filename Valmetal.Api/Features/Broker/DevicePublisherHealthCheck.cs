using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Valmetal.Api.Features.Broker;

/// <summary>
/// A task that cannot send commands is taken out of the load balancer's rotation rather than answering 503 to each
/// one. Never healthy yet reads as "starting" in the logs (HealthCheckLogging).
/// </summary>
public sealed class DevicePublisherHealthCheck(DevicePublisher publisher) : IHealthCheck
{
    public const string Name = "broker-publishing";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Of(publisher.IsConnected));

    internal static HealthCheckResult Of(bool connected) => connected
        ? HealthCheckResult.Healthy("connected to the broker")
        : HealthCheckResult.Unhealthy("not connected to the broker");
}
