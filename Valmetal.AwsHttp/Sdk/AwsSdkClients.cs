using Amazon.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Valmetal.AwsHttp.Sdk;

/// <summary>
/// The AWS SDK's own clients (S3, DynamoDB), made by AWSSDK.Extensions.NETCore.Setup from one rule for every service:
/// the region is <c>Aws:Region</c>, the credentials the SDK's default chain (the task role in AWS; locally the keys the
/// AppHost puts in the environment), and the endpoint the region's, unless the feature's section names a
/// <c>ServiceUrl</c>: then the client talks to that emulator, still signed for the region.
/// </summary>
public static class AwsSdkClients
{
    /// <param name="section">The feature's section, which holds its <c>ServiceUrl</c> (for the start-up error).</param>
    /// <param name="configure">Settings of this kind of client; <see cref="ClientConfig.ServiceURL"/> is already decided.</param>
    public static IServiceCollection AddAwsSdkClient<TService, TOptions>(
        this IServiceCollection services, IConfiguration configuration, string section, Action<ClientConfig>? configure = null)
        where TService : class, IAmazonService
        where TOptions : class, IAwsServiceEndpoint
    {
        // Aws:Region, validated at start; the hand-written clients sign for the same region.
        services.AddAwsHttp(configuration);
        services.TryAddDefaultAWSOptions(provider =>
        {
            var options = configuration.GetAWSOptions(AwsHttpOptions.SectionName);
            // Null, so the SDK's default chain, unless a test registered fixed keys.
            options.Credentials = provider.GetService<AWSCredentials>();
            return options;
        });
        services.AddOptions<TOptions>()
            .Validate(o => IsAbsoluteOrEmpty(o.ServiceUrl), $"{section}:ServiceUrl must be an absolute URL, such as http://127.0.0.1:4569.")
            .ValidateOnStart();
        services.AddAWSService<TService>((config, provider) =>
        {
            var serviceUrl = provider.GetRequiredService<IOptions<TOptions>>().Value.ServiceUrl;
            if (!string.IsNullOrWhiteSpace(serviceUrl))
            {
                config.ServiceURL = serviceUrl;
                // The SDK would guess the signing region from the host; the emulators take any, the IoT fake checks it.
                config.AuthenticationRegion = provider.GetRequiredService<IOptions<AwsHttpOptions>>().Value.Region;
            }

            configure?.Invoke(config);
        });
        return services;
    }

    /// <summary>True for a client <see cref="AddAwsSdkClient"/> pointed at a local emulator.</summary>
    public static bool TalksToEmulator(this IClientConfig config) => !string.IsNullOrEmpty(config.ServiceURL);

    private static bool IsAbsoluteOrEmpty(string? url) =>
        string.IsNullOrWhiteSpace(url) || Uri.TryCreate(url, UriKind.Absolute, out _);
}
