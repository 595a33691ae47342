using Microsoft.Extensions.Options;
using Valmetal.Web.Export;

namespace Valmetal.Web.ApiClient;

public static class ApiClientServices
{
    /// <summary>
    /// Every client of the API, each on an HTTP client that asks in the user's language (<see cref="ApiLanguageHandler"/>)
    /// and carries the user's token (<see cref="ApiBearerHandler"/>).
    /// </summary>
    public static IServiceCollection AddApiClients(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().Bind(configuration).ValidateDataAnnotations().ValidateOnStart();
        services.AddTransient<ApiCaller>();
        services.AddTransient<ApiLanguageHandler>();
        services.AddTransient<ApiBearerHandler>();
        services.AddTransient<AlarmsClient>();
        services.AddTransient<NotificationsClient>();

        services.AddApiHttpClient<ValmetalApiClient>(timeout: null);
#pragma warning disable EXTEXP0001 // The only way to exempt a client from the default resilience handler.
        // Writes are not retried blindly: a repeated POST would log the same work twice.
        services.AddApiHttpClient<ValmetalApiCommands>(timeout: null).RemoveAllResilienceHandlers();

        // The live stream stays open for as long as a page does: no retry or timeout policy may cut it.
        services.AddApiHttpClient<LiveUpdatesClient>(Timeout.InfiniteTimeSpan).RemoveAllResilienceHandlers();
        services.AddApiHttpClient<TelemetryExportClient>(TimeSpan.FromMinutes(30)).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        return services;
    }

    private static IHttpClientBuilder AddApiHttpClient<TClient>(this IServiceCollection services, TimeSpan? timeout)
        where TClient : class =>
        services.AddHttpClient<TClient>((provider, http) =>
            {
                http.BaseAddress = new Uri(provider.GetRequiredService<IOptions<ApiOptions>>().Value.ApiBaseUrl, UriKind.Absolute);
                http.Timeout = timeout ?? http.Timeout;
            })
            .AddHttpMessageHandler<ApiLanguageHandler>()
            .AddHttpMessageHandler<ApiBearerHandler>();
}
