using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Valmetal.Telemetry.Storage;

namespace Valmetal.Telemetry.Tests.Storage;

/// <summary>The telemetry service writes points where <c>TimeSeries:Store</c> says, PostgreSQL when it says nothing.</summary>
public sealed class TimeSeriesStoreSelectionTests
{
    [Theory]
    [InlineData(null, typeof(PostgresTimeSeriesWriter))]
    [InlineData("Postgres", typeof(PostgresTimeSeriesWriter))]
    [InlineData("Timestream", typeof(TimestreamTimeSeriesWriter))]
    public void The_configured_store_writes_the_points(string? store, Type writer)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:valmetal"] = "Host=127.0.0.1;Database=valmetal",
            ["TimeSeries:Store"] = store,
            ["TimeSeries:TimestreamDatabase"] = "valmetal-prod-telemetry",
            ["TimeSeries:TimestreamTable"] = "points",
            ["Aws:Region"] = "ca-central-1",
        });
        builder.AddTelemetryIngestion();
        using var services = builder.Services.BuildServiceProvider();

        Assert.IsType(writer, services.GetRequiredService<ITimeSeriesWriter>());
    }
}
