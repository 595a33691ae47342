using Valmetal.Api.Infrastructure;

namespace Valmetal.Api.Features.Broker;

public static class DevicePublishing
{
    /// <summary>The publishing connection, its health and the 503 a caller gets when it is down.</summary>
    public static IServiceCollection AddDevicePublisher(this IServiceCollection services)
    {
        services.AddSingleton<DevicePublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<DevicePublisher>());
        services.AddHealthChecks().AddCheck<DevicePublisherHealthCheck>(DevicePublisherHealthCheck.Name);
        services.AddExceptionHandler<BrokerUnavailableExceptionHandler>();
        return services;
    }
}
