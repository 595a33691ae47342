using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Valmetal.TimeSeries.Archive;

public static class ArchiveRegistration
{
    /// <summary>The archive's settings, validated at start, and its objects; the service registers the S3 client it reads them with.</summary>
    public static IServiceCollection AddRawArchive(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ArchiveOptions>()
            .Bind(configuration.GetSection(ArchiveOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ArchiveObjects>();
        return services;
    }
}
