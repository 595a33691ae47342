using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Valmetal.AwsHttp;

public static class AwsHttpClientBuilderExtensions
{
    /// <summary>
    /// The options and credential source every AWS client shares: region from <c>Aws:Region</c>, validated at start;
    /// credentials from AWSSDK.Core's default chain unless a test registered its own source first. Each feature that
    /// talks to AWS calls it; the second call adds nothing.
    /// </summary>
    public static IServiceCollection AddAwsHttp(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(AwsHttpRegistered)))
        {
            return services;
        }

        services.AddSingleton(new AwsHttpRegistered());
        services.AddOptions<AwsHttpOptions>().Bind(configuration.GetSection(AwsHttpOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IAwsCredentialSource, DefaultChainCredentialSource>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>
    /// Makes this client an AWS client for <paramref name="service"/> (its signing name): the host-wide resilience
    /// handler is replaced by the AWS retry rule (<see cref="AwsRetryRule"/>), and inside it every attempt is signed.
    /// <paramref name="sendContentSha256"/> adds the payload hash header for services that require it (S3-style).
    /// </summary>
    public static IHttpClientBuilder AddAwsSigning(this IHttpClientBuilder builder, string service, bool sendContentSha256 = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
#pragma warning disable EXTEXP0001 // The only way to drop the defaults' handler, which would retry any POST.
        builder.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.AddResilienceHandler("aws-" + service, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<AwsHttpOptions>>().Value;
            if (options.MaxRetries > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.RetryBaseDelay,
                    ShouldHandle = args => AwsRetryRule.ShouldRetryAsync(args.Context.GetRequestMessage(), args.Outcome),
                });
            }

            pipeline.AddTimeout(options.AttemptTimeout);
        });
        builder.AddHttpMessageHandler(sp => new SigV4Handler(
            service,
            sendContentSha256,
            sp.GetRequiredService<IOptions<AwsHttpOptions>>(),
            sp.GetRequiredService<IAwsCredentialSource>(),
            sp.GetRequiredService<TimeProvider>()));
        return builder;
    }

    /// <summary>Marks a service collection <see cref="AddAwsHttp"/> has filled.</summary>
    private sealed class AwsHttpRegistered;
}
