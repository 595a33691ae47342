using Valmetal.DeviceContract.Schema;

namespace Valmetal.Telemetry.Tests.Validation;

public sealed class RetentionTests
{
    [Theory]
    [InlineData("samples_20261027", true)]
    [InlineData("samples_20261028", false)]
    [InlineData("samples_20261127", false)]
    public void A_partition_is_dropped_only_when_all_its_points_are_past_retention(string partition, bool expired)
    {
        var day = SamplePartitions.DayOf(partition);

        Assert.NotNull(day);
        Assert.Equal(expired, RawArchive.IsExpired(day.Value, new DateOnly(2026, 11, 27), TimeSpan.FromDays(30)));
    }

    [Theory]
    [InlineData("rollups_minute")]
    [InlineData("points_staging")]
    [InlineData("samples_2026")]
    public void Tables_that_are_not_daily_partitions_are_never_candidates(string table) =>
        Assert.Null(SamplePartitions.DayOf(table));
}
