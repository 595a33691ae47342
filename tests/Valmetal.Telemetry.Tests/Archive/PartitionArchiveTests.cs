using Amazon.S3;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Valmetal.DeviceContract.Schema;
using Valmetal.Telemetry.Archive;
using Valmetal.TestSupport;
using Valmetal.TestSupport.Archive;
using Valmetal.TimeSeries.Archive;

namespace Valmetal.Telemetry.Tests.Archive;

/// <summary>Raw partitions past retention go to a real s3rver from a real PostgreSQL, and come back point for point.</summary>
public sealed class PartitionArchiveTests(PostgresWithS3 fixture) : IClassFixture<PostgresWithS3>
{
    private static readonly DateOnly Expired = new(2026, 10, 20);

    /// <summary>Another expired day, so tests sharing the bucket do not see each other's objects.</summary>
    private static readonly DateOnly AlsoExpired = new(2026, 10, 21);
    private static readonly DateOnly Hot = DateOnly.FromDateTime(ArchiveDatabase.Now.UtcDateTime);
    private static readonly DateTime DayStart = Expired.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    [Fact]
    public async Task An_expired_partition_is_archived_in_parts_read_back_equal_and_dropped()
    {
        await using var database = await ArchiveDatabase.CreateAsync(fixture, Expired, Hot);
        var settled = await database.RegisterAsync("VM-SETTLED", DayStart.AddDays(-100));
        var moved = await database.RegisterAsync("VM-MOVED", DayStart.AddHours(12));
        var points = Points(["VM-MOVED", "VM-SETTLED", "VM-UNKNOWN"], perThing: 1800);
        await database.InsertAsync(points);
        await database.InsertAsync([new ArchivedPoint("VM-SETTLED", "temp", Hot.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), 1, null)]);
        await using var services = database.Services(fixture.S3, LocalS3.Bucket, rowsPerPart: 2000);

        var archived = await services.GetRequiredService<ArchivePass>().RunAsync(CancellationToken.None);

        Assert.Equal([SamplePartitions.NameOf(Expired)], archived);
        Assert.Equal((false, false), await database.TableAsync(SamplePartitions.NameOf(Expired)));
        Assert.Equal((true, true), await database.TableAsync(SamplePartitions.NameOf(Hot)));
        Assert.Equal(1, await database.CountAsync());
        var expected = points
            .Select(p => p with { FarmId = p.Thing switch
            {
                "VM-SETTLED" => settled.ToString(),
                "VM-MOVED" when p.Timestamp >= DayStart.AddHours(12) => moved.ToString(),
                _ => null,
            } })
            .OrderBy(p => p.Thing, StringComparer.Ordinal).ThenBy(p => p.Timestamp).ThenBy(p => p.Metric, StringComparer.Ordinal)
            .ToList();
        var (manifest, stored) = await ReadDayAsync(services, Expired);
        Assert.Equal(expected.Count, manifest.Rows);
        Assert.Equal(3, manifest.Parts.Count);
        Assert.All(manifest.Parts, part => Assert.StartsWith($"raw/day=2026-10-20/part-", part.Key, StringComparison.Ordinal));
        Assert.Equal(expected, stored);
        Assert.Contains(stored, p => p.FarmId is null && p.Thing == "VM-MOVED");
        Assert.Contains(stored, p => p.FarmId == moved.ToString());
    }

    [Fact]
    public async Task A_pass_stopped_after_the_detach_is_finished_by_the_next_pass()
    {
        await using var database = await ArchiveDatabase.CreateAsync(fixture, AlsoExpired);
        var points = Points(["VM-1"], perThing: 50, AlsoExpired);
        await database.InsertAsync(points);
        var partition = SamplePartitions.NameOf(AlsoExpired);
        await using (var broken = database.Services(fixture.S3, "valmetal-no-such-bucket"))
        {
            await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => broken.GetRequiredService<ArchivePass>().RunAsync(CancellationToken.None));
        }

        Assert.Equal((true, false), await database.TableAsync(partition));
        await using var services = database.Services(fixture.S3, LocalS3.Bucket);
        Assert.Null(await services.GetRequiredService<ArchiveObjects>().ManifestAsync(AlsoExpired, CancellationToken.None));

        var archived = await services.GetRequiredService<ArchivePass>().RunAsync(CancellationToken.None);

        Assert.Equal([partition], archived);
        Assert.Equal((false, false), await database.TableAsync(partition));
        var (_, stored) = await ReadDayAsync(services, AlsoExpired);
        Assert.Equal(points.OrderBy(p => p.Timestamp).ThenBy(p => p.Metric, StringComparer.Ordinal), stored);
    }

    [Fact]
    public async Task A_second_replica_skips_the_pass_while_one_holds_it()
    {
        await using var database = await ArchiveDatabase.CreateAsync(fixture, Expired);
        await database.InsertAsync(Points(["VM-1"], perThing: 10));
        await using var services = database.Services(fixture.S3, LocalS3.Bucket);
        await using var otherReplica = await database.DataSource.OpenConnectionAsync();
        await using (var hold = new NpgsqlCommand(ArchivePass.TryLock, otherReplica))
        {
            Assert.Equal(true, await hold.ExecuteScalarAsync());
        }

        var archived = await services.GetRequiredService<ArchivePass>().RunAsync(CancellationToken.None);

        Assert.Null(archived);
        Assert.Equal((true, true), await database.TableAsync(SamplePartitions.NameOf(Expired)));
    }

    /// <summary>
    /// Samples of two metrics a minute, with microsecond timestamps and values that a text or float32 round trip
    /// would change.
    /// </summary>
    private static List<ArchivedPoint> Points(string[] things, int perThing, DateOnly? day = null) =>
    [
        .. from thing in things
        from i in Enumerable.Range(0, perThing)
        select new ArchivedPoint(thing, i % 2 == 0 ? "temp" : "rpm",
            (day ?? Expired).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddTicks((i / 2 * 60 * TimeSpan.TicksPerSecond) + 1_234_560),
            (i * Math.PI) - (1e-300 * i), null),
    ];

    private static async Task<(ArchiveManifest Manifest, List<ArchivedPoint> Points)> ReadDayAsync(ServiceProvider services, DateOnly day)
    {
        var objects = services.GetRequiredService<ArchiveObjects>();
        var manifest = await objects.ManifestAsync(day, CancellationToken.None) ?? throw new InvalidOperationException("No manifest");
        var points = new List<ArchivedPoint>();
        foreach (var part in manifest.Parts)
        {
            await using var body = await objects.GetAsync(part.Key, CancellationToken.None) ?? throw new InvalidOperationException(part.Key);
            points.AddRange(await ArchiveParquet.ReadAsync(body, thing: null, CancellationToken.None));
        }

        return (manifest, points);
    }
}
