using Microsoft.Extensions.Options;
using Valmetal.Api.Features.DeviceIdentity.IotCore;
using Valmetal.Api.Features.DeviceIdentity.LocalCa;
using Valmetal.AwsHttp;

namespace Valmetal.Api.Features.DeviceIdentity;

public static class DeviceRegistryServices
{
    /// <summary>The registry <c>DeviceRegistry:Kind</c> names, its settings validated at start.</summary>
    public static IServiceCollection AddDeviceRegistry(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(DeviceRegistryOptions.SectionName);
        services.AddOptions<DeviceRegistryOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        var settings = section.Get<DeviceRegistryOptions>() ?? new DeviceRegistryOptions();
        if (settings.Kind == DeviceRegistryKind.IotCore)
        {
            // Signed for "iot" with the task role, like every AWS call of the API (Valmetal.AwsHttp).
            services.AddHttpClient<IotClient>((sp, http) => http.BaseAddress = new Uri(sp.GetRequiredService<IOptions<DeviceRegistryOptions>>().Value.ServiceUrl))
                .AddAwsSigning(IotClient.SigningName);
            services.AddScoped<IDeviceRegistry, IotCoreDeviceRegistry>();
            services.AddExceptionHandler<IotExceptionHandler>();
        }
        else
        {
            services.AddScoped<LocalCaDeviceRegistry>();
            services.AddScoped<IDeviceRegistry>(sp => sp.GetRequiredService<LocalCaDeviceRegistry>());
        }

        return services;
    }
}
