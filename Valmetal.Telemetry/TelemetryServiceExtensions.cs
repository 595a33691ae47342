using Amazon.DynamoDBv2;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;
using Valmetal.AwsHttp.Sdk;
using Valmetal.BrokerClient;
using Valmetal.Telemetry.Archive;
using Valmetal.TimeSeries.Archive;
using Valmetal.DeviceState;
using Valmetal.Telemetry.Budget;
using Valmetal.Telemetry.Catalogue;
using Valmetal.Telemetry.DeviceStateUpdates;
using Valmetal.Telemetry.Diagnostics;
using Valmetal.Telemetry.Ingestion;
using Valmetal.Telemetry.Ingestion.Slots;
using Valmetal.Telemetry.Live;
using Valmetal.Telemetry.Pipeline;
using Valmetal.Telemetry.Presence;
using Valmetal.Telemetry.Storage;
using Valmetal.Telemetry.Validation;
using Valmetal.TimeSeries;

namespace Valmetal.Telemetry;

public static class TelemetryServiceExtensions
{
    public static IHostApplicationBuilder AddTelemetryIngestion(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource("valmetal");
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing =>
            tracing.SetSampler(new ParentBasedSampler(new BatchTraceSampler(BatchTraceSampler.DefaultInterval, TimeProvider.System))));
        builder.AddDeviceStateStore();
        builder.Services.AddBrokerConnection(builder.Configuration);
        builder.Services.AddOptions<IngestionOptions>()
            .Bind(builder.Configuration.GetSection(IngestionOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddOptions<RejectionBudgetOptions>()
            .Bind(builder.Configuration.GetSection(RejectionBudgetOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var services = builder.Services;
        // Raw partitions past retention go to S3 before they are dropped.
        services.AddRawArchive(builder.Configuration);
        services.AddS3Client<ArchiveOptions>(builder.Configuration, ArchiveOptions.SectionName);
        services.AddSingleton<PartitionArchive>();
        services.AddSingleton<ArchivePass>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<DeviceCatalogue>();
        services.AddSingleton<CatalogueLoader>();
        services.AddSingleton<NewThingLookup>();
        services.AddSingleton<RecentMessages>();
        services.AddSingleton(sp => new TelemetryValidator(
            sp.GetRequiredService<DeviceCatalogue>(),
            sp.GetRequiredService<RecentMessages>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<IngestionOptions>>().Value.MaxSampleAge));
        services.AddSingleton<IngestQueue>();
        services.AddSingleton<TelemetryMetrics>();
        services.AddSingleton<MessageRouter>();
        services.AddSingleton<PartitionManager>();
        if (services.AddTimeSeriesStore(builder.Configuration) == TimeSeriesStoreKind.Timestream)
        {
            services.AddTimestreamWriter();
            services.AddSingleton<ITimeSeriesWriter, TimestreamTimeSeriesWriter>();
        }
        else
        {
            services.AddSingleton<ITimeSeriesWriter, PostgresTimeSeriesWriter>();
            services.AddHostedService<RollupService>();
        }

        services.AddSingleton<IBatchStore, BatchStore>();
        services.AddSingleton<PipelineCounters>();
        services.AddSingleton<DeviceStateWriter>();
        services.AddSingleton<LatestValuesCoalescer>();
        services.AddSingleton<LatestValuesClaims>();
        services.AddSingleton<LivePublisher>();
        services.AddSingleton<ClientSlotStore>();
        services.AddSingleton<TelemetrySessions>();
        services.AddSingleton<TelemetryBrokerConnection>();
        services.AddSingleton<PipelineHealth>();
        services.AddSingleton<DeviceQuarantine>();
        services.AddSingleton<StoreRetries>();
        services.AddSingleton<IsolatingBatchStore>();
        services.AddSingleton<DeviceStateStage>();
        services.AddSingleton<AcknowledgementPipeline>();

        services.AddHostedService<CatalogueRefreshService>();
        services.AddHostedService(sp => sp.GetRequiredService<TelemetryBrokerConnection>());
        services.AddHostedService<AbandonedSessionDrainer>();
        services.AddHostedService<BatchWriterService>();
        services.AddHostedService<LatestValuesFlushService>();
        services.AddHostedService<RetentionService>();
        services.AddHostedService<InactivitySweeper>();
        services.AddHostedService<ReplicaStatsReporter>();
        services.AddHostedService<QuarantineRefreshService>();
        services.AddHealthChecks()
            .AddCheck<BrokerConnectionHealthCheck>("broker")
            .AddCheck<PipelineHealth>("stores");
        return builder;
    }

    /// <summary>Local stack only: creates the device-state table that the CDK stack declares in AWS.</summary>
    public static async Task EnsureDeviceStateTableAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DeviceStateOptions>>().Value;
        if (options.CreateTableIfMissing)
        {
            await DeviceStateTable.EnsureExistsAsync(app.Services.GetRequiredService<IAmazonDynamoDB>(), options.TableName, app.Lifetime.ApplicationStopping);
        }
    }
}
