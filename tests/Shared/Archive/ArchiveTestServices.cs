using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Valmetal.AwsHttp.Sdk;
using Valmetal.TestSupport.Postgres;
using Valmetal.TimeSeries.Archive;

namespace Valmetal.TestSupport.Archive;

/// <summary>A throwaway PostgreSQL and a local s3rver for a test class that reads or writes the raw archive.</summary>
public sealed class PostgresWithS3 : PostgresFixture
{
    public LocalS3 S3 { get; } = new();

    public override async Task InitializeAsync()
    {
        var postgres = base.InitializeAsync();
        var s3 = S3.InitializeAsync();
        try
        {
            await Task.WhenAll(postgres, s3);
        }
        catch (Exception) when (postgres.IsCompletedSuccessfully || s3.IsCompletedSuccessfully)
        {
            // xUnit does not dispose a fixture whose start failed: the one that did start would outlive the run.
            if (postgres.IsCompletedSuccessfully)
            {
                await base.DisposeAsync();
            }
            else
            {
                await S3.DisposeAsync();
            }

            throw;
        }
    }

    public override async Task DisposeAsync()
    {
        await S3.DisposeAsync();
        await base.DisposeAsync();
    }
}

public static class ArchiveTestServices
{
    /// <summary>The archive's options, objects and S3 client as the services register them, pointed at <paramref name="s3"/>.</summary>
    public static IServiceCollection AddTestArchive(this IServiceCollection services, LocalS3 s3, string bucket, int? rowsPerPart = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Aws:Region"] = "us-east-1",
            ["Archive:BucketName"] = bucket,
            ["Archive:ServiceUrl"] = s3.ServiceUrl.ToString(),
        };
        if (rowsPerPart is { } rows)
        {
            settings["Archive:RowsPerPart"] = rows.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        services.AddLogging();
        services.AddSingleton(LocalS3.Credentials);
        services.AddRawArchive(configuration);
        services.AddS3Client<ArchiveOptions>(configuration, ArchiveOptions.SectionName);
        return services;
    }
}
