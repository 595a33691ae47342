using Amazon.S3;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.Internal;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Valmetal.AwsHttp.Sdk;

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
        // Made only when the ring is in a bucket: a task with a folder or keys in memory needs no AWS client.
        services.AddS3Client<KeyRingOptions>(configuration, KeyRingOptions.SectionName);
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

    /// <summary>Chooses the repository once options are bound and validated, not while services are registered.</summary>
    private sealed class RepositorySetup(IOptions<KeyRingOptions> options, IServiceProvider services, ILoggerFactory loggers) : IConfigureOptions<KeyManagementOptions>
    {
        public void Configure(KeyManagementOptions management)
        {
            var ring = options.Value;
            if (!string.IsNullOrWhiteSpace(ring.BucketName))
            {
                management.XmlRepository = new S3XmlRepository(services.GetRequiredService<IAmazonS3>(), ring, loggers.CreateLogger<S3XmlRepository>());
            }
            else if (!string.IsNullOrWhiteSpace(ring.KeysPath))
            {
                management.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(ring.KeysPath), loggers);
            }
        }
    }
}
