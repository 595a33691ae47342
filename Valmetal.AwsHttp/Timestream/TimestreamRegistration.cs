using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Valmetal.AwsHttp.Timestream;

public static class TimestreamRegistration
{
    /// <summary>The Write API's client, signed, starting endpoint discovery at <paramref name="regionalEndpoint"/>.</summary>
    public static IHttpClientBuilder AddTimestreamWriteClient(this IServiceCollection services, Func<IServiceProvider, Uri> regionalEndpoint)
    {
        services.TryAddSingleton(typeof(TimestreamEndpoints<>));
        return services.AddHttpClient<TimestreamWriteClient>((sp, http) => http.BaseAddress = regionalEndpoint(sp))
            .AddAwsSigning(TimestreamApi.SigningName);
    }

    /// <summary>The Query API's client, signed, starting endpoint discovery at <paramref name="regionalEndpoint"/>.</summary>
    public static IHttpClientBuilder AddTimestreamQueryClient(this IServiceCollection services, Func<IServiceProvider, Uri> regionalEndpoint)
    {
        services.TryAddSingleton(typeof(TimestreamEndpoints<>));
        return services.AddHttpClient<TimestreamQueryClient>((sp, http) => http.BaseAddress = regionalEndpoint(sp))
            .AddAwsSigning(TimestreamApi.SigningName);
    }
}
