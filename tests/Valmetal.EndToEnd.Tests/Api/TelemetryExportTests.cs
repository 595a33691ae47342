using System.Globalization;
using System.Net;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.EndToEnd.Tests.Platform;

namespace Valmetal.EndToEnd.Tests.Api;

[Collection(PlatformCollection.Name)]
public sealed class TelemetryExportTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_range_of_a_simulated_device_streams_as_csv_with_one_row_per_point()
    {
        var device = Fleet.Equipment[0];
        using var api = await platform.CreateApiClientAsync(DemoUsers.FarmerBeauregard);
        var lines = await Eventually.GetAsync(async () =>
        {
            // The range ends now at each try: right after start-up the simulator may not have published yet.
            var to = DateTimeOffset.UtcNow;
            var url = ExportUrl(device.Thing, to.AddMinutes(-10), to, "motor_current_a,motor_temp_c");
            using var response = await api.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(device.Thing, response.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
            var rows = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return rows.Length > 4 ? rows : null;
        }, TimeSpan.FromSeconds(90), "points of the simulated device");

        Assert.Equal("timestamp_utc,metric,value,unit", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.All(rows, r => Assert.Equal(4, r.Length));
        Assert.All(rows, r => Assert.Contains(r[1], new[] { "motor_current_a", "motor_temp_c" }));
        Assert.All(rows, r => Assert.True(double.TryParse(r[2], NumberStyles.Float, CultureInfo.InvariantCulture, out _)));
        Assert.Contains(rows, r => r[1] == "motor_current_a" && r[3] == "A");
        var times = rows.Select(r => DateTimeOffset.Parse(r[0], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.Order(), times);
    }

    [Theory]
    [InlineData(40, "motor_current_a", "from")]
    [InlineData(1, "", "metrics")]
    [InlineData(1, "not_a_metric", "metrics")]
    public async Task Bad_ranges_and_metrics_are_refused_with_a_clear_problem(int days, string metrics, string field)
    {
        using var api = await platform.CreateApiClientAsync(DemoUsers.FarmerBeauregard);
        var to = DateTimeOffset.UtcNow;

        using var response = await api.GetAsync(ExportUrl(Fleet.Equipment[0].Thing, to.AddDays(-days), to, metrics));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_farm_s_equipment_is_not_found()
    {
        var foreign = Fleet.Equipment.First(e => !DemoUsers.FarmerBeauregard.FarmIds.Contains(e.FarmId));
        using var api = await platform.CreateApiClientAsync(DemoUsers.FarmerBeauregard);
        var to = DateTimeOffset.UtcNow;

        using var response = await api.GetAsync(ExportUrl(foreign.Thing, to.AddHours(-1), to, "motor_current_a"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static string ExportUrl(string thing, DateTimeOffset from, DateTimeOffset to, string metrics) =>
        $"api/equipment/{thing}/telemetry.csv?from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}" +
        $"&to={Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture))}&metrics={Uri.EscapeDataString(metrics)}";
}
