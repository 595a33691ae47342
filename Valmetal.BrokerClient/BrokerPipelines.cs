using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Polly;
using Polly.Retry;

namespace Valmetal.BrokerClient;

/// <summary>The broker client's named resilience pipelines, resolved through <see cref="Polly.Registry.ResiliencePipelineProvider{TKey}"/>.</summary>
public static class BrokerPipelines
{
    /// <summary>
    /// Establishing a service's session: the connect, then its subscriptions. Only a link failure
    /// (<see cref="BoundedCalls.IsLinkFailure"/>) is tried again, and without end, since a service is no use without
    /// its broker: exponential back-off from 250 ms, jittered so that replicas do not all return at the same moment
    /// after a broker restart, and capped at 10 s so that a broker back after a long outage is found within seconds.
    /// </summary>
    public const string Reconnect = "broker-reconnect";

    /// <summary>Where the session's owner hears of each failure before its retry.</summary>
    internal static readonly ResiliencePropertyKey<Action<Exception>> FailureReport = new("valmetal.broker.failure-report");

    public static IServiceCollection AddBrokerPipelines(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BrokerSession>();
        services.AddResiliencePipeline(Reconnect, builder => builder.AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(BoundedCalls.IsLinkFailure),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(250),
            MaxDelay = TimeSpan.FromSeconds(10),
            OnRetry = args =>
            {
                if (args.Context.Properties.TryGetValue(FailureReport, out var report))
                {
                    report(args.Outcome.Exception!);
                }

                return default;
            },
        }));
        return services;
    }
}
