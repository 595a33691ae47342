using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Valmetal.AwsHttp.Timestream;
using Valmetal.Telemetry.Storage;
using Valmetal.TestSupport;
using Valmetal.TimeSeries;

namespace Valmetal.Telemetry.Tests.Storage;

/// <summary>
/// What the telemetry service sends Timestream for a batch's points, read from the WriteRecords it sends to a handler
/// that answers as Timestream does (its request shape is checked against AWS's SDK in Valmetal.AwsHttp.Tests).
/// </summary>
public sealed class TimestreamTimeSeriesWriterTests
{
    private static readonly DateTime Instant = new(2026, 12, 1, 16, 0, 0, 123, DateTimeKind.Utc);

    [Fact]
    public async Task One_record_per_device_and_millisecond_holds_the_first_value_of_each_metric()
    {
        var (writer, writes) = Writer();
        TelemetryPoint[] points =
        [
            new("VM-FM-29901", "motor_current", Instant, 12.5),
            new("VM-FM-29901", "mix_rpm", Instant.AddTicks(4000), 31),
            new("VM-FM-29901", "motor_current", Instant, 99),
            new("VM-SU-10422", "level_pct", Instant, 40),
            new("VM-FM-29901", "motor_current", Instant.AddSeconds(1), 13),
        ];

        var written = await writer.WriteAsync(null!, null!, points, CancellationToken.None);

        Assert.Equal(points.Length, written);
        var body = Assert.Single(writes);
        Assert.Equal("valmetal-staging-telemetry", (string?)body["DatabaseName"]);
        Assert.Equal("points", (string?)body["TableName"]);
        Assert.Equal(
            [
                "VM-FM-29901@1796140800123 motor_current=12.5 mix_rpm=31",
                "VM-SU-10422@1796140800123 level_pct=40",
                "VM-FM-29901@1796140801123 motor_current=13",
            ],
            body["Records"]!.AsArray().Select(Describe));
    }

    [Fact]
    public async Task A_batch_of_more_instants_than_one_write_takes_goes_in_writes_of_a_hundred_records()
    {
        var (writer, writes) = Writer();
        var points = Enumerable.Range(0, 250).Select(i => new TelemetryPoint("VM-FM-29901", "motor_current", Instant.AddSeconds(i), i)).ToList();

        await writer.WriteAsync(null!, null!, points, CancellationToken.None);

        Assert.Equal([100, 100, 50], writes.Select(w => w["Records"]!.AsArray().Count));
    }

    [Fact]
    public async Task No_points_send_nothing()
    {
        var (writer, writes) = Writer();

        Assert.Equal(0, await writer.WriteAsync(null!, null!, [], CancellationToken.None));
        Assert.Empty(writes);
    }

    private static string Describe(JsonNode? record) =>
        $"{record!["Dimensions"]![0]!["Value"]}@{record["Time"]} "
        + string.Join(' ', record["MeasureValues"]!.AsArray().Select(m => $"{m!["Name"]}={m["Value"]}"));

    private static (TimestreamTimeSeriesWriter Writer, List<JsonObject> Writes) Writer()
    {
        var writes = new List<JsonObject>();
        var handler = new AnsweringHandler(body =>
        {
            var request = JsonNode.Parse(body)!.AsObject();
            if (request.Count == 0)
            {
                return """{"Endpoints":[{"Address":"ingest-cell1.timestream.ca-central-1.amazonaws.com","CachePeriodInMinutes":1440}]}""";
            }

            writes.Add(request);
            return new JsonObject { ["RecordsIngested"] = new JsonObject { ["Total"] = request["Records"]!.AsArray().Count } }.ToJsonString();
        });
        var options = Options.Create(new TimeSeriesOptions
        {
            Store = TimeSeriesStoreKind.Timestream,
            TimestreamDatabase = "valmetal-staging-telemetry",
            TimestreamTable = "points",
        });
        var factory = new HandlerClientFactory(handler, TimestreamApi.IngestEndpoint("ca-central-1"));
        return (new TimestreamTimeSeriesWriter(factory, new TimestreamEndpoints<TimestreamWriteClient>(TimeProvider.System), options), writes);
    }

    /// <summary>Answers each request's JSON body with what <paramref name="answer"/> gives for it.</summary>
    private sealed class AnsweringHandler(Func<string, string> answer) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            new(HttpStatusCode.OK)
            {
                Content = new StringContent(answer(await request.Content!.ReadAsStringAsync(cancellationToken)), Encoding.UTF8, "application/x-amz-json-1.0"),
            };
    }
}
