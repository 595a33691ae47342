using Valmetal.Api.Features.TelemetryHistory;

namespace Valmetal.Api.Tests.TelemetryHistory;

public sealed class HistoryRangeTests
{
    [Fact]
    public void The_default_start_is_an_hour_before_the_end()
    {
        var end = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

        Assert.Equal(end.AddHours(-1), HistoryRange.DefaultStart(end));
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("0001-01-01T00:59:59Z")]
    public void An_end_in_the_first_hour_of_year_one_starts_at_the_minimum_and_is_refused(string to)
    {
        var end = DateTimeOffset.Parse(to, System.Globalization.CultureInfo.InvariantCulture);

        var start = HistoryRange.DefaultStart(end);

        Assert.Equal(DateTimeOffset.MinValue, start);
        Assert.Equal(end == start, HistoryRange.Validate(start, end, null).ContainsKey("to"));
    }
}
