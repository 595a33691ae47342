using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Valmetal.AppHost.LocalStack;

/// <summary>Healthy once something accepts connections on the port: enough for emulators with no health endpoint.</summary>
public sealed class TcpPortHealthCheck(int port) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (SocketException ex)
        {
            return HealthCheckResult.Unhealthy($"Nothing listens on 127.0.0.1:{port}", ex);
        }
    }
}
