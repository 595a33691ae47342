using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Valmetal.AwsHttp;
using Valmetal.AwsHttp.Timestream;

namespace Valmetal.TimeSeries;

public static class TimeSeriesRegistration
{
    /// <summary>
    /// Binds and validates the <c>TimeSeries</c> section; answers the store it names, so the caller registers that
    /// store's services only. Timestream's clients are signed with the <c>Aws</c> section's region.
    /// </summary>
    public static TimeSeriesStoreKind AddTimeSeriesStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TimeSeriesOptions>().Bind(configuration.GetSection(TimeSeriesOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        var store = configuration.GetSection(TimeSeriesOptions.SectionName).GetValue<TimeSeriesStoreKind?>(nameof(TimeSeriesOptions.Store))
            ?? TimeSeriesStoreKind.Postgres;
        if (store == TimeSeriesStoreKind.Timestream)
        {
            services.AddAwsHttp(configuration);
        }

        return store;
    }

    /// <summary>The Write API's client, discovering from the configured URL or the region's ingest endpoint.</summary>
    public static IHttpClientBuilder AddTimestreamWriter(this IServiceCollection services) =>
        services.AddTimestreamWriteClient(sp => Endpoint(sp, o => o.TimestreamIngestUrl, TimestreamApi.IngestEndpoint));

    /// <summary>The Query API's client, discovering from the configured URL or the region's query endpoint.</summary>
    public static IHttpClientBuilder AddTimestreamReader(this IServiceCollection services) =>
        services.AddTimestreamQueryClient(sp => Endpoint(sp, o => o.TimestreamQueryUrl, TimestreamApi.QueryEndpoint));

    private static Uri Endpoint(IServiceProvider services, Func<TimeSeriesOptions, string> configured, Func<string, Uri> regional)
    {
        var url = configured(services.GetRequiredService<IOptions<TimeSeriesOptions>>().Value);
        return url.Length > 0 ? new Uri(url) : regional(services.GetRequiredService<IOptions<AwsHttpOptions>>().Value.Region);
    }
}
