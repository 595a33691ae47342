using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Valmetal.Api.Data;
using Valmetal.Api.Features.Broker;
using Valmetal.Api.Features.DeviceIdentity;
using Valmetal.Api.Features.DeviceState;
using Valmetal.Api.Features.Documents;
using Valmetal.Api.Features.Live;
using Valmetal.Api.Features.TelemetryExport;
using Valmetal.Api.Features.TelemetryHistory;
using Valmetal.Api.Features.Users;
using Valmetal.Api.Infrastructure;
using Valmetal.Api.Security;
using Valmetal.AwsHttp;
using Valmetal.AwsHttp.Sdk;
using Valmetal.Identity;
using Valmetal.BrokerClient;
using Valmetal.DeviceState;
using Valmetal.TimeSeries;
using Valmetal.TimeSeries.Archive;

namespace Valmetal.Api;

public static class ApiServiceExtensions
{
    public const long MaxRequestBodyBytes = 256 * 1024;

    public static IHostApplicationBuilder AddApiServices(this IHostApplicationBuilder builder)
    {
        // EF Core runs on the same data source as the hand-written queries: one pool per task, the size the composition
        // budgets (Valmetal.Composition DatabaseConnections), rather than a second pool of Npgsql's default 100.
        builder.AddNpgsqlDataSource("valmetal");
        builder.Services.AddDbContextPool<ValmetalDbContext>((services, options) => options
            .UseNpgsql(services.GetRequiredService<Npgsql.NpgsqlDataSource>())
            .UseSnakeCaseNamingConvention());
        builder.EnrichNpgsqlDbContext<ValmetalDbContext>();
        builder.Services.AddApiPipelines();
        builder.AddDeviceStateStore();
        builder.Services.AddBrokerConnection(builder.Configuration);

        builder.Services.AddCognitoOptions(builder.Configuration)
            .Validate(cognito => cognito.CanValidateTokens, CognitoOptions.TokenSettingsMissing);
        builder.Services.AddCognitoJwtAuthentication();
        // Admin calls are signed for cognito-idp with the task role (docs/decisions.md, "One signed-HTTP layer for AWS").
        builder.Services.AddAwsHttp(builder.Configuration);
        builder.Services.AddHttpClient<CognitoApiClient>((provider, http) =>
                http.BaseAddress = new Uri(provider.GetRequiredService<IOptions<CognitoOptions>>().Value.ServiceUrl))
            .AddAwsSigning(CognitoApiClient.SigningName);
        builder.Services.AddScoped<CognitoUserAdministration>();
        builder.Services.AddApiRateLimits(builder.Configuration);
        builder.Services.AddReplicaLoadShedding();
        builder.Services.AddTrustedProxies(builder.Configuration);

        builder.Services.AddOptions<DocumentOptions>().Bind(builder.Configuration.GetSection(DocumentOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddS3Client<DocumentOptions>(builder.Configuration, DocumentOptions.SectionName);
        // The CSV export reads days past the raw retention from the archive, through the same S3 client.
        builder.Services.AddRawArchive(builder.Configuration);
        builder.Services.AddSingleton<DocumentStorage>();
        builder.Services.AddHostedService<AbandonedUploadSweeper>();

        builder.Services.AddDeviceRegistry(builder.Configuration);

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DeviceStateReader>();
        builder.Services.AddSingleton<IDeviceStateSource>(sp => sp.GetRequiredService<DeviceStateReader>());
        builder.Services.AddSingleton<DeviceStateCache>();
        builder.Services.AddSingleton<AccessCache>();
        builder.Services.AddHostedService<DeviceStateResync>();
        builder.Services.AddOptions<DeviceStateCacheOptions>().Bind(builder.Configuration.GetSection(DeviceStateCacheOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        if (builder.Services.AddTimeSeriesStore(builder.Configuration) == TimeSeriesStoreKind.Timestream)
        {
            builder.Services.AddTimestreamReader();
            builder.Services.AddSingleton<IHistoryReader, TimestreamHistory>();
            builder.Services.AddSingleton<IPointExport, TimestreamCsvExport>();
            builder.Services.AddExceptionHandler<TimestreamExceptionHandler>();
        }
        else
        {
            builder.Services.AddSingleton<IHistoryReader, PostgresHistory>();
            builder.Services.AddSingleton<IPointExport, CsvExport>();
        }

        builder.Services.AddDevicePublisher();
        builder.Services.AddSingleton<LiveUpdateHub>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveUpdateHub>());
        builder.Services.AddOptions<LiveOptions>().Bind(builder.Configuration.GetSection(LiveOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<LiveAccessRecheck>();
        // JSON bodies are small; files go straight to S3 with presigned URLs, never through the API.
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            // A missing property or a null where none is allowed is a 400 naming the field, not a silent default.
            o.SerializerOptions.RespectRequiredConstructorParameters = true;
            o.SerializerOptions.RespectNullableAnnotations = true;
        });
        builder.Services.AddLocalizedProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddExceptionHandler<QueryTimeoutExceptionHandler>();
        builder.Services.AddExceptionHandler<UnreachableServiceExceptionHandler>();
        builder.Services.AddOptions<TelemetryReadOptions>()
            .Bind(builder.Configuration.GetSection(TelemetryReadOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddExceptionHandler<CognitoExceptionHandler>();
        // Binding failures throw in every environment so BadRequestExceptionHandler can explain them.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddApiReference();
        return builder;
    }
}
