using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Valmetal.AwsHttp.Sdk;

/// <summary>
/// S3 as every service uses it (<see cref="AwsSdkClients"/>), with what makes s3rver, the local emulator, answer as S3
/// does: the same client settings serve the API's documents and the web app's key ring.
/// </summary>
public static class S3Clients
{
    public static IServiceCollection AddS3Client<TOptions>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class, IAwsServiceEndpoint
    {
        services.AddAwsSdkClient<IAmazonS3, TOptions>(configuration, section, Configure);
        var made = services.Last(d => d.ServiceType == typeof(IAmazonS3));
        services.Replace(ServiceDescriptor.Singleton<IAmazonS3>(provider =>
        {
            var client = (IAmazonS3)made.ImplementationFactory!(provider);
            if (client.Config.TalksToEmulator() && client is AmazonServiceClient events)
            {
                events.BeforeRequestEvent += UnescapeCopySourceSlashes;
            }

            return client;
        }));
        return services;
    }

    private static void Configure(ClientConfig config)
    {
        // Checksums only when an operation requires them: s3rver stores aws-chunked framing as the body otherwise.
        config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
        config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        if (config.TalksToEmulator())
        {
            // s3rver serves buckets as paths (--no-vhost-buckets): 127.0.0.1 has no bucket subdomains.
            ((AmazonS3Config)config).ForcePathStyle = true;
        }
    }

    /// <summary>
    /// The SDK sends CopyObject's source as one escaped string (bucket%2Fkey); s3rver unescapes it with decodeURI,
    /// which keeps %2F, and then finds no such bucket. S3 accepts both forms, so only the emulator's client does this.
    /// </summary>
    private static void UnescapeCopySourceSlashes(object sender, RequestEventArgs e)
    {
        if (e is WebServiceRequestEventArgs request && request.Headers.TryGetValue("x-amz-copy-source", out var source))
        {
            request.Headers["x-amz-copy-source"] = source.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        }
    }
}
