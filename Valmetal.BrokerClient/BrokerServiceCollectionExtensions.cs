using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Valmetal.BrokerClient;

public static class BrokerServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates the <c>Broker</c> section (where the broker is and which certificate to present) and adds the
    /// <see cref="BrokerSession"/> that keeps a service connected.
    /// </summary>
    public static IServiceCollection AddBrokerConnection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BrokerConnectionOptions>()
            .Bind(configuration.GetSection(BrokerConnectionOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services.AddBrokerPipelines();
    }
}
