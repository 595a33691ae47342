using Valmetal.Web.Components.Equipment;

namespace Valmetal.Web.Tests;

public sealed class EquipmentControlsTests
{
    [Theory]
    [InlineData("850", "850")]
    [InlineData(" 12.5 ", "12.5")]
    [InlineData("true", "true")]
    [InlineData("auto", "\"auto\"")]
    [InlineData("NaN", "\"NaN\"")]
    public void Setting_values_are_sent_as_numbers_and_flags_when_they_are(string typed, string json)
    {
        Assert.Equal(json, DesiredConfigPanel.ParseValue(typed).ToJsonString());
    }

    [Fact]
    public void A_zoom_narrower_than_a_minute_is_widened_to_one_minute_ending_where_it_ended()
    {
        var to = DateTimeOffset.Parse("2026-11-27T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

        var range = ChartRange.Zoomed(to.AddSeconds(-10).ToUnixTimeSeconds(), to.ToUnixTimeSeconds());

        Assert.Equal((to.AddMinutes(-1), to), (range.From, range.To));
        Assert.False(range.FollowsLiveData);
    }

    [Fact]
    public void The_export_link_carries_the_shown_range_and_metrics()
    {
        var to = DateTimeOffset.Parse("2026-11-27T10:00:00+00:00", System.Globalization.CultureInfo.InvariantCulture);
        var range = ChartRange.Preset("1 h", TimeSpan.FromHours(1), to);

        var url = range.ExportUrl("VM 1", ["a", "b"]);

        Assert.Equal("equipment/VM%201/telemetry.csv?from=2026-11-27T09%3A00%3A00.0000000%2B00%3A00&to=2026-11-27T10%3A00%3A00.0000000%2B00%3A00&metrics=a%2Cb", url);
        Assert.True(range.FollowsLiveData);
    }
}
