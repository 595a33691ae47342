using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Valmetal.Api.Data;
using Valmetal.Api.Features.TelemetryExport;
using Valmetal.Api.Infrastructure;
using Valmetal.DeviceContract.Schema;
using Valmetal.TestSupport;
using Valmetal.TestSupport.Archive;
using Valmetal.TestSupport.Postgres;
using Valmetal.TimeSeries.Archive;

namespace Valmetal.Api.Tests.TelemetryExport;

/// <summary>
/// The CSV export over a range that starts in the archive and ends in the hot window: the archived day from S3 (the
/// object layout the telemetry service writes), the rest from PostgreSQL, one file in time order.
/// </summary>
public sealed class ArchivedExportTests(PostgresWithS3 fixture) : IClassFixture<PostgresWithS3>
{
    private static readonly DateOnly Archived = new(2026, 10, 20);
    private static readonly DateOnly ExpiredNotYetArchived = new(2026, 10, 21);
    private static readonly DateOnly Hot = new(2026, 10, 22);

    /// <summary>30 days of retention: 10-20 and 10-21 are past it, 10-22 is not.</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_range_spanning_the_archive_and_the_hot_window_is_one_file_in_time_order()
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync("export_archive");
        await using (var db = new ValmetalDbContext(new DbContextOptionsBuilder<ValmetalDbContext>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options))
        {
            await db.Database.MigrateAsync();
        }

        await using var services = Services(connectionString);
        await using var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        foreach (var day in new[] { Archived, ExpiredNotYetArchived, Hot })
        {
            await using var partition = dataSource.CreateCommand(
                $"create table {Tables.TelemetrySchema}.{SamplePartitions.NameOf(day)} partition of {Tables.Samples} for values from ('{day:yyyy-MM-dd}') to ('{day.AddDays(1):yyyy-MM-dd}')");
            await partition.ExecuteNonQueryAsync();
        }

        await InsertAsync(dataSource,
            // A row PostgreSQL would still hold for the archived day: the archive is read for that day instead.
            ("VM-1", "temp", At(Archived, 14), 999),
            ("VM-1", "temp", At(ExpiredNotYetArchived, 1), 21.5),
            ("VM-1", "rpm", At(Hot, 2), 1500),
            ("VM-1", "temp", At(Hot, 2), 22.25),
            ("VM-1", "temp", At(Hot, 20), 23));
        await WriteArchivedDayAsync(services.GetRequiredService<ArchiveObjects>(),
        [
            new("VM-1", "rpm", At(Archived, 13).AddTicks(5_000), 1200.5, null),
            new("VM-1", "temp", At(Archived, 6), 18, null),
            new("VM-1", "temp", At(Archived, 13), 19.75, null),
            new("VM-1", "vibration", At(Archived, 13), 0.25, null),
            new("VM-2", "temp", At(Archived, 13), 50, null),
        ]);
        var request = new ExportRequest(new DateTimeOffset(At(Archived, 12)), new DateTimeOffset(At(Hot, 12)), ["temp", "rpm"]);

        using var body = new MemoryStream();
        await services.GetRequiredService<CsvExport>().WriteAsync(body, "VM-1", request,
            new Dictionary<string, string> { ["temp"] = "°C", ["rpm"] = "rpm" }, CancellationToken.None);

        Assert.Equal(
        [
            CsvExport.Header,
            "2026-10-20T13:00:00.000Z,temp,19.75,°C",
            "2026-10-20T13:00:00.000Z,rpm,1200.5,rpm",
            "2026-10-21T01:00:00.000Z,temp,21.5,°C",
            "2026-10-22T02:00:00.000Z,rpm,1500,rpm",
            "2026-10-22T02:00:00.000Z,temp,22.25,°C",
        ], Encoding.UTF8.GetString(body.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
    }

    private static DateTime At(DateOnly day, int hour) => day.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Utc);

    private ServiceProvider Services(string connectionString)
    {
        var services = new ServiceCollection().AddTestArchive(fixture.S3, LocalS3.Bucket);
        services.AddSingleton(NpgsqlDataSource.Create(connectionString));
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        services.AddApiPipelines();
        services.AddOptions<TelemetryReadOptions>();
        services.AddSingleton<CsvExport>();
        return services.BuildServiceProvider(validateScopes: true);
    }

    /// <summary>The points as samples: those of one thing and time in one row.</summary>
    private static async Task InsertAsync(NpgsqlDataSource dataSource, params (string Thing, string Metric, DateTime Ts, double Value)[] points)
    {
        await using var insert = dataSource.CreateCommand($"""
            insert into {Tables.Samples} (thing, ts, metrics, vals)
            select thing, ts, array_agg(metric), array_agg(value) from unnest(@thing, @metric, @ts, @value) as u(thing, metric, ts, value) group by thing, ts
            """);
        insert.Parameters.Add(new NpgsqlParameter<string[]>("thing", [.. points.Select(p => p.Thing)]));
        insert.Parameters.Add(new NpgsqlParameter<string[]>("metric", [.. points.Select(p => p.Metric)]));
        insert.Parameters.Add(new NpgsqlParameter<DateTime[]>("ts", [.. points.Select(p => p.Ts)]));
        insert.Parameters.Add(new NpgsqlParameter<double[]>("value", [.. points.Select(p => p.Value)]));
        await insert.ExecuteNonQueryAsync();
    }

    /// <summary>The day as the telemetry service's archive pass leaves it: parts sorted by thing, time and metric, then the manifest.</summary>
    private static async Task WriteArchivedDayAsync(ArchiveObjects archive, List<ArchivedPoint> points)
    {
        points.Sort(static (a, b) => (string.CompareOrdinal(a.Thing, b.Thing), a.Timestamp.CompareTo(b.Timestamp), string.CompareOrdinal(a.Metric, b.Metric)) switch
        {
            (not 0 and var thing, _, _) => thing,
            (_, not 0 and var time, _) => time,
            var (_, _, metric) => metric,
        });
        var key = RawArchive.PartKey(archive.Prefix, Archived, 0);
        using var file = new MemoryStream();
        await ArchiveParquet.WriteAsync(file, points, CancellationToken.None);
        await archive.PutAsync(key, file.ToArray(), "application/vnd.apache.parquet", CancellationToken.None);
        var manifest = new ArchiveManifest(Archived, points.Count, [new ArchivePart(key, points.Count, ArchiveChecksum.Of(points), points[0].Thing, points[^1].Thing)]);
        await archive.PutAsync(RawArchive.ManifestKey(archive.Prefix, Archived), manifest.ToBytes(), "application/json", CancellationToken.None);
    }
}
