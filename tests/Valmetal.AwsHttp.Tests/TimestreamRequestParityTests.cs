using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Valmetal.AwsHttp.Timestream;

namespace Valmetal.AwsHttp.Tests;

/// <summary>
/// TimestreamWriteClient and TimestreamQueryClient against @aws-sdk/client-timestream-write and -query for the same
/// inputs, endpoint discovery included: both SDKs call DescribeEndpoints before their first operation and send it to
/// the host the answer names. Request shape only: Timestream for LiveAnalytics has no emulator, and AWS closed it to
/// new accounts, so what it does with these requests is checked in an account that has it (docs/deployment.md).
/// </summary>
public sealed class TimestreamRequestParityTests
{
    private const string Cell = "ingest-cell2.timestream.ca-central-1.amazonaws.com";
    private static readonly DateTimeOffset Time = DateTimeOffset.FromUnixTimeMilliseconds(1_764_604_800_123);

    private static readonly MultiMeasureRecord[] Records =
    [
        new([new("thing", "VM-FM-29901")], Time, [new("motor_current", 12.5), new("mix_rpm", 31)]),
        new([new("thing", "VM-SU-10422")], Time.AddSeconds(1), [new("level_pct", 0.1 + 0.2)]),
    ];

    [Fact]
    public async Task Our_write_equals_the_AWS_SDKs_after_the_same_discovery_and_a_changed_member_or_target_is_caught()
    {
        var theirs = await SdkParity.SendTheirsAsync("timestream-write", [("WriteRecords", new JsonObject
        {
            ["DatabaseName"] = "valmetal",
            ["TableName"] = "telemetry",
            ["CommonAttributes"] = new JsonObject { ["MeasureName"] = "telemetry", ["MeasureValueType"] = "MULTI", ["TimeUnit"] = "MILLISECONDS" },
            ["Records"] = new JsonArray(
                Record("VM-FM-29901", "1764604800123", ("motor_current", "12.5"), ("mix_rpm", "31")),
                Record("VM-SU-10422", "1764604801123", ("level_pct", "0.30000000000000004"))),
        })]);
        var capture = new CapturingHandler((request, _) => Discovery(request) ?? Json(HttpStatusCode.OK, """{"RecordsIngested":{"Total":2,"MemoryStore":2,"MagneticStore":0}}"""));
        using var http = new HttpClient(capture) { BaseAddress = TimestreamApi.IngestEndpoint("ca-central-1") };
        using var endpoints = new TimestreamEndpoints<TimestreamWriteClient>(TimeProvider.System);

        var ingested = await new TimestreamWriteClient(http, endpoints).WriteRecordsAsync("valmetal", "telemetry", "telemetry", Records, CancellationToken.None);

        Assert.Equal(2, ingested);
        Assert.Equal("ingest.timestream.ca-central-1.amazonaws.com", capture.Received[0].Request.RequestUri!.Host);
        Assert.Equal(Cell, capture.Received[1].Request.RequestUri!.Host);
        var ours = Ours(capture);
        SdkParity.AssertSame(theirs, ours);
        Assert.NotEmpty(SdkParity.Differences(theirs[0], ours[0].WithHeader("x-amz-target", "Timestream_20181101.DescribeEndpoint")));
        Assert.NotEmpty(SdkParity.Differences(theirs[1], ours[1].WithBodyMemberRenamed("CommonAttributes.MeasureValueType", "ValueType")));
    }

    [Fact]
    public async Task Our_paged_query_equals_the_AWS_SDKs_and_a_changed_member_or_content_type_is_caught()
    {
        const string Sql = """SELECT bin(time, 60s), avg("motor_current") FROM "valmetal"."telemetry" WHERE thing = 'VM-FM-29901' GROUP BY 1""";
        var theirs = await SdkParity.SendTheirsAsync("timestream-query",
        [
            ("Query", new JsonObject { ["QueryString"] = Sql, ["ClientToken"] = "0f8fad5b-d9cb-469f-a165-70867728950e" }),
            ("Query", new JsonObject { ["QueryString"] = Sql, ["ClientToken"] = "0f8fad5b-d9cb-469f-a165-70867728950e", ["NextToken"] = "page-2" }),
        ]);
        var capture = new CapturingHandler((request, body) => Discovery(request) ?? Json(HttpStatusCode.OK, body.Contains("page-2", StringComparison.Ordinal)
            ? """{"QueryId":"q1","Rows":[{"Data":[{"ScalarValue":"2026-12-01 16:01:00.000000000"},{"NullValue":true}]}],"ColumnInfo":[]}"""
            : """{"QueryId":"q1","NextToken":"page-2","Rows":[{"Data":[{"ScalarValue":"2026-12-01 16:00:00.000000000"},{"ScalarValue":"12.5"}]}],"ColumnInfo":[]}"""));
        using var http = new HttpClient(capture) { BaseAddress = TimestreamApi.QueryEndpoint("ca-central-1") };
        using var endpoints = new TimestreamEndpoints<TimestreamQueryClient>(TimeProvider.System);

        var rows = await new TimestreamQueryClient(http, endpoints).QueryAsync(Sql, "0f8fad5b-d9cb-469f-a165-70867728950e").ToListAsync();

        Assert.Equal([["2026-12-01 16:00:00.000000000", "12.5"], ["2026-12-01 16:01:00.000000000", null]], rows);
        var ours = Ours(capture);
        SdkParity.AssertSame(theirs, ours);
        Assert.NotEmpty(SdkParity.Differences(theirs[0], ours[0].WithHeader("content-type", "application/x-amz-json-1.1")));
        Assert.NotEmpty(SdkParity.Differences(theirs[1], ours[1].WithBodyMemberRenamed("QueryString", "Query")));
        Assert.NotEmpty(SdkParity.Differences(theirs[2], ours[2].WithBodyMemberRenamed("NextToken", "PageToken")));
    }

    [Fact]
    public async Task A_stale_endpoint_is_discovered_again_once_and_the_call_goes_to_the_new_cell()
    {
        var cells = new Queue<string>(["ingest-cell1.timestream.ca-central-1.amazonaws.com", Cell]);
        var capture = new CapturingHandler((request, _) => Operation(request) == SdkParity.DescribeEndpoints
            ? Json(HttpStatusCode.OK, $$"""{"Endpoints":[{"Address":"{{cells.Dequeue()}}","CachePeriodInMinutes":1440}]}""")
            : request.RequestUri!.Host == Cell
                ? Json(HttpStatusCode.OK, """{"RecordsIngested":{"Total":1}}""")
                : Json((HttpStatusCode)421, """{"__type":"InvalidEndpointException","message":"The endpoint is not valid."}"""));
        using var http = new HttpClient(capture) { BaseAddress = TimestreamApi.IngestEndpoint("ca-central-1") };
        using var endpoints = new TimestreamEndpoints<TimestreamWriteClient>(TimeProvider.System);
        var client = new TimestreamWriteClient(http, endpoints);

        Assert.Equal(1, await client.WriteRecordsAsync("valmetal", "telemetry", "telemetry", Records[..1], CancellationToken.None));
        Assert.Equal(1, await client.WriteRecordsAsync("valmetal", "telemetry", "telemetry", Records[..1], CancellationToken.None));

        Assert.Equal(
            [SdkParity.DescribeEndpoints, "WriteRecords", SdkParity.DescribeEndpoints, "WriteRecords", "WriteRecords"],
            capture.Received.Select(r => Operation(r.Request)));
    }

    [Fact]
    public async Task Rejected_records_come_back_with_their_index_reason_and_existing_version()
    {
        var capture = new CapturingHandler((request, _) => Discovery(request) ?? Json((HttpStatusCode)419, """
            {"__type":"com.amazonaws.timestream.v20181101#RejectedRecordsException","message":"One or more records have been rejected.",
             "RejectedRecords":[{"RecordIndex":1,"Reason":"A record with the same time and dimensions has a different value.","ExistingVersion":1},
                                {"RecordIndex":0,"Reason":"The record timestamp is outside the time range of the memory store."}]}
            """));
        using var http = new HttpClient(capture) { BaseAddress = TimestreamApi.IngestEndpoint("ca-central-1") };
        using var endpoints = new TimestreamEndpoints<TimestreamWriteClient>(TimeProvider.System);

        var error = await Assert.ThrowsAsync<TimestreamRecordsRejectedException>(() =>
            new TimestreamWriteClient(http, endpoints).WriteRecordsAsync("valmetal", "telemetry", "telemetry", Records, CancellationToken.None));

        Assert.Equal(
            [
                new RejectedRecord(1, "A record with the same time and dimensions has a different value.", 1),
                new RejectedRecord(0, "The record timestamp is outside the time range of the memory store.", null),
            ],
            error.Records);
    }

    [Theory]
    [InlineData(400, "ValidationException", typeof(TimestreamRefusedException))]
    [InlineData(400, "QueryExecutionException", typeof(TimestreamRefusedException))]
    [InlineData(403, "AccessDeniedException", typeof(TimestreamNotAvailableException))]
    [InlineData(404, "ResourceNotFoundException", typeof(TimestreamNotAvailableException))]
    [InlineData(429, "ThrottlingException", typeof(TimestreamUnavailableException))]
    [InlineData(500, "InternalServerException", typeof(TimestreamUnavailableException))]
    public void Errors_become_their_kind(int status, string code, Type kind) =>
        Assert.IsType(kind, TimestreamErrors.From(AwsErrors.FromJson(status, new Dictionary<string, string>(), $$"""{"__type":"{{code}}","message":"m"}""")));

    private static JsonObject Record(string thing, string time, params (string Name, string Value)[] measures) => new()
    {
        ["Dimensions"] = new JsonArray(new JsonObject { ["Name"] = "thing", ["Value"] = thing }),
        ["MeasureValues"] = new JsonArray([.. measures.Select(m => (JsonNode)new JsonObject { ["Name"] = m.Name, ["Value"] = m.Value, ["Type"] = "DOUBLE" })]),
        ["Time"] = time,
    };

    private static List<WireRequest> Ours(CapturingHandler capture) =>
        [.. capture.Received.Select(r => SdkParity.FromOurs(Operation(r.Request), r.Request, r.Body))];

    private static string Operation(HttpRequestMessage request) => request.Headers.GetValues("X-Amz-Target").Single().Split('.')[1];

    private static HttpResponseMessage? Discovery(HttpRequestMessage request) => Operation(request) == SdkParity.DescribeEndpoints
        ? Json(HttpStatusCode.OK, $$"""{"Endpoints":[{"Address":"{{Cell}}","CachePeriodInMinutes":1440}]}""")
        : null;

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.0") };
}
