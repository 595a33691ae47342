using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Each health check says when its status changes, at the level the change deserves. ASP.NET Core logs every unhealthy
/// result of every probe at Error: while a service starts, a dependency it has not reached yet is no error, and probes
/// every few seconds repeat the same line, so a developer learns to ignore red. Here a check that has never been
/// healthy is "starting" (Information); losing health afterwards is an Error, once; recovering is Information.
/// </summary>
public static partial class HealthCheckLogging
{
    private const string DefaultServiceCategory = "Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService";

    public static IServiceCollection AddHealthCheckLogging(this IServiceCollection services, ILoggingBuilder logging)
    {
        // Its per-probe lines are replaced by the changes logged below.
        logging.AddFilter(DefaultServiceCategory, LogLevel.Critical);
        services.AddSingleton<HealthHistory>();
        services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations)
            {
                var (name, create) = (registration.Name, registration.Factory);
                registration.Factory = provider => new LoggedCheck(name, create(provider), provider.GetRequiredService<HealthHistory>());
            }
        });
        return services;
    }

    private sealed class LoggedCheck(string name, IHealthCheck inner, HealthHistory history) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            HealthCheckResult result;
            try
            {
                result = await inner.CheckHealthAsync(context, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // The health check service turns the exception into an unhealthy result.
                history.Record(name, HealthStatus.Unhealthy, ex.Message);
                throw;
            }

            // A check cut short by its caller (a probe that gave up, as a load balancer's does after its timeout) may
            // report the cancellation as unhealthy: that says how busy the machine was, not how the dependency is.
            if (!cancellationToken.IsCancellationRequested)
            {
                history.Record(name, result.Status, result.Description);
            }

            return result;
        }
    }

    /// <summary>The last status of each check, and whether it was ever healthy.</summary>
    private sealed partial class HealthHistory(ILoggerFactory loggers)
    {
        private readonly ILogger logger = loggers.CreateLogger("Valmetal.HealthChecks");

        private readonly Dictionary<string, (HealthStatus Status, bool WasHealthy)> _last = [];

        public void Record(string check, HealthStatus status, string? description)
        {
            bool wasHealthy;
            lock (_last)
            {
                var known = _last.TryGetValue(check, out var last);
                if (known && last.Status == status)
                {
                    return;
                }

                wasHealthy = known && last.WasHealthy;
                _last[check] = (status, wasHealthy || status == HealthStatus.Healthy);
            }

            switch (status)
            {
                case HealthStatus.Healthy when wasHealthy:
                    LogRecovered(check);
                    break;
                case HealthStatus.Healthy:
                    LogReady(check);
                    break;
                case var _ when !wasHealthy:
                    LogStarting(check, description);
                    break;
                case HealthStatus.Degraded:
                    LogDegraded(check, description);
                    break;
                default:
                    LogUnhealthy(check, description);
                    break;
            }
        }

        [LoggerMessage(LogLevel.Information, "Health check {Check} is healthy")]
        private partial void LogReady(string check);

        [LoggerMessage(LogLevel.Information, "Health check {Check} is healthy again")]
        private partial void LogRecovered(string check);

        [LoggerMessage(LogLevel.Information, "Health check {Check} is not ready yet, while starting: {Description}")]
        private partial void LogStarting(string check, string? description);

        [LoggerMessage(LogLevel.Warning, "Health check {Check} is degraded: {Description}")]
        private partial void LogDegraded(string check, string? description);

        [LoggerMessage(LogLevel.Error, "Health check {Check} is unhealthy: {Description}")]
        private partial void LogUnhealthy(string check, string? description);
    }
}
