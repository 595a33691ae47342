using Amazon.Runtime;
using Amazon.S3;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.Internal;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Valmetal.Web.KeyRing;

/// <summary>
/// Session cookies are encrypted with keys every web task shares (<see cref="KeyRingOptions"/>), read again every
/// minute (<see cref="RefreshingKeyManager"/>) and when a cookie names a key this task does not hold
/// (<see cref="UnknownKeyRereads"/>).
/// </summary>
public static class SharedKeyRing
{
    public const string ApplicationName = "valmetal-web";

    public static IServiceCollection AddSharedKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KeyRingOptions>()
            .Bind(configuration.GetSection(KeyRingOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // An expired key ring is then read again in the call that finds it expired, not on a background task while
        // that call goes on with the old one: the call that met an unknown key must see the ring read because of it.
        AppContext.SetSwitch(SynchronousKeyRingUpdateSwitch, true);
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>, RepositorySetup>();
        services.AddSingleton(sp => new RefreshingKeyManager(
            new XmlKeyManager(sp.GetRequiredService<IOptions<KeyManagementOptions>>(), sp.GetRequiredService<IActivator>(), sp.GetRequiredService<ILoggerFactory>()),
            sp.GetRequiredService<TimeProvider>()));
        services.Replace(ServiceDescriptor.Singleton<IKeyManager>(sp => sp.GetRequiredService<RefreshingKeyManager>()));
        services.AddSingleton<UnknownKeyRereads>();
        var dotnetProvider = services.Last(d => d.ServiceType == typeof(IDataProtectionProvider));
        services.Replace(ServiceDescriptor.Singleton<IDataProtectionProvider>(sp => new RereadingProtector.Provider(
            (IDataProtectionProvider)Create(sp, dotnetProvider), sp.GetRequiredService<UnknownKeyRereads>())));
        return services;
    }

    /// <summary>The AppContext switch .NET reads when it builds its key ring provider.</summary>
    internal const string SynchronousKeyRingUpdateSwitch = "Microsoft.AspNetCore.DataProtection.KeyManagement.DisableAsyncKeyRingUpdate";

    private static object Create(IServiceProvider services, ServiceDescriptor registered) =>
        registered.ImplementationInstance
        ?? registered.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, registered.ImplementationType!);

    /// <summary>The same client settings as the API's document storage, so s3rver behaves as S3 does.</summary>
    internal static IAmazonS3 CreateClient(KeyRingOptions options)
    {
        var config = new AmazonS3Config
        {
            // Checksums only when an operation requires them: s3rver stores aws-chunked framing as the body otherwise.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
            return new AmazonS3Client(config);
        }

        config.ServiceURL = options.ServiceUrl;
        config.ForcePathStyle = true;
        config.AuthenticationRegion = options.Region;
        // s3rver's fixed development credentials; in AWS the task role signs.
        return new AmazonS3Client(new BasicAWSCredentials("S3RVER", "S3RVER"), config);
    }

    /// <summary>Chooses the repository once options are bound and validated, not while services are registered.</summary>
    private sealed class RepositorySetup(IOptions<KeyRingOptions> options, ILoggerFactory loggers) : IConfigureOptions<KeyManagementOptions>
    {
        public void Configure(KeyManagementOptions management)
        {
            var ring = options.Value;
            if (!string.IsNullOrWhiteSpace(ring.BucketName))
            {
                management.XmlRepository = new S3XmlRepository(CreateClient(ring), ring, loggers.CreateLogger<S3XmlRepository>());
            }
            else if (!string.IsNullOrWhiteSpace(ring.KeysPath))
            {
                management.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(ring.KeysPath), loggers);
            }
        }
    }
}
