using Valmetal.Api.Features.TelemetryHistory;

namespace Valmetal.Api.Tests.TelemetryHistory;

/// <summary>The bucket is the smallest round size that keeps a range near <see cref="HistoryRange.TargetBuckets"/> points.</summary>
public sealed class BucketChoiceTests
{
    private static readonly DateTimeOffset End = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(60, 1)]          // 0.2 s ideal: the smallest bucket
    [InlineData(300, 1)]         // exactly 1 s ideal
    [InlineData(301, 2)]         // just over: the next round size
    [InlineData(3_600, 15)]      // an hour: 12 s ideal
    [InlineData(90_000, 300)]    // 25 h: exactly 5 min
    [InlineData(86_400, 300)]    // a day: 288 s ideal
    [InlineData(2_592_000, 10_800)] // 30 days: 2.4 h ideal, 3 h buckets
    [InlineData(34_560_000, 86_400)] // 400 days: a day, the largest
    public void The_bucket_is_the_smallest_round_size_at_or_above_the_ideal(int rangeSeconds, int expected) =>
        Assert.Equal(expected, HistoryRange.ChooseBucketSeconds(End.AddSeconds(-rangeSeconds), End));

    [Fact]
    public void A_range_longer_than_any_round_size_covers_gets_the_largest()
    {
        Assert.Equal(86_400, HistoryRange.ChooseBucketSeconds(DateTimeOffset.MinValue, DateTimeOffset.MaxValue));
    }

    [Theory]
    [InlineData(3_600)]
    [InlineData(2_592_000)]
    public void A_chosen_bucket_never_yields_more_than_the_target_number_of_buckets(int rangeSeconds)
    {
        var bucket = HistoryRange.ChooseBucketSeconds(End.AddSeconds(-rangeSeconds), End);

        Assert.InRange(rangeSeconds / bucket, HistoryRange.TargetBuckets / 3, HistoryRange.TargetBuckets);
    }

    [Fact]
    public void The_longest_range_allowed_gets_a_bucket_its_own_validation_accepts()
    {
        var from = End - HistoryRange.MaxSpan;

        Assert.Empty(HistoryRange.Validate(from, End, HistoryRange.ChooseBucketSeconds(from, End)));
    }
}
