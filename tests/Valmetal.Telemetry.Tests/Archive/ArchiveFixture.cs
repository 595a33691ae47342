using Valmetal.TestSupport;
using Valmetal.TestSupport.Postgres;

namespace Valmetal.Telemetry.Tests.Archive;

/// <summary>A throwaway PostgreSQL and a local s3rver for the archive tests; each test makes its own database.</summary>
public sealed class ArchiveFixture : PostgresFixture
{
    public LocalS3 S3 { get; } = new();

    public override async Task InitializeAsync() => await Task.WhenAll(base.InitializeAsync(), S3.InitializeAsync());

    public override async Task DisposeAsync()
    {
        await S3.DisposeAsync();
        await base.DisposeAsync();
    }
}
