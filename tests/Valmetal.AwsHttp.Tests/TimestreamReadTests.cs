using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Valmetal.Api.Contracts;
using Valmetal.Api.Features.TelemetryExport;
using Valmetal.Api.Features.TelemetryHistory;
using Valmetal.AwsHttp.Timestream;
using Valmetal.TestSupport;
using Valmetal.TimeSeries;

namespace Valmetal.AwsHttp.Tests;

/// <summary>
/// The API's reads with Timestream as the store: the SQL it sends (values quoted, as Timestream takes no parameters)
/// and how it reads the rows Timestream answers, against a handler that answers as the Query API documents.
/// </summary>
public sealed class TimestreamReadTests
{
    private static readonly DateTimeOffset From = new(2026, 12, 1, 16, 0, 0, TimeSpan.Zero);

    private static readonly IOptions<TimeSeriesOptions> Options = Microsoft.Extensions.Options.Options.Create(new TimeSeriesOptions
    {
        Store = TimeSeriesStoreKind.Timestream,
        TimestreamDatabase = "valmetal-prod-telemetry",
        TimestreamTable = "points",
    });

    [Fact]
    public async Task History_buckets_come_from_a_binned_query_of_the_units_metric_with_its_name_quoted()
    {
        var queries = new List<string>();
        var factory = Factory(queries, _ => Rows(
            ["2026-12-01 16:00:00.000000000", "12.0", "12.5", "13.0", "60"],
            ["2026-12-01 16:01:00.000000000", "11.0", "11.25", "11.5", "59"]));

        var buckets = await new TimestreamHistory(factory, Endpoints(), Options).RunAsync("VM-FM-'29901", "motor_current", From, From.AddHours(1), 60, CancellationToken.None);

        Assert.Equal(
            [new HistoryBucket(From, 12.0, 12.5, 13.0, 60), new HistoryBucket(From.AddMinutes(1), 11.0, 11.25, 11.5, 59)],
            buckets);
        var sql = Assert.Single(queries);
        Assert.Contains("bin(time, 60s)", sql, StringComparison.Ordinal);
        Assert.Contains("FROM \"valmetal-prod-telemetry\".\"points\"", sql, StringComparison.Ordinal);
        Assert.Contains("\"thing\" = 'VM-FM-''29901'", sql, StringComparison.Ordinal);
        Assert.Contains("avg(\"motor_current\")", sql, StringComparison.Ordinal);
        Assert.Contains($"time >= from_milliseconds({From.ToUnixTimeMilliseconds()})", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_metric_no_unit_has_sent_yet_has_no_column_and_no_buckets()
    {
        var factory = Factory([], _ => Refused("line 1:31: Column 'level_pct' does not exist"));

        var buckets = await new TimestreamHistory(factory, Endpoints(), Options).RunAsync("VM-SU-10422", "level_pct", From, From.AddHours(1), 60, CancellationToken.None);

        Assert.Empty(buckets);
    }

    [Fact]
    public async Task Any_other_refusal_reaches_the_caller()
    {
        var factory = Factory([], _ => Refused("line 1:1: mismatched input"));

        await Assert.ThrowsAsync<TimestreamRefusedException>(() =>
            new TimestreamHistory(factory, Endpoints(), Options).RunAsync("VM-SU-10422", "level_pct", From, From.AddHours(1), 60, CancellationToken.None));
    }

    [Fact]
    public async Task The_export_writes_a_row_per_metric_value_in_time_and_metric_order_leaving_out_metrics_never_sent()
    {
        var queries = new List<string>();
        var factory = Factory(queries, sql => sql.Contains("\"zz_unsent\"", StringComparison.Ordinal)
            ? Refused("Column 'zz_unsent' does not exist")
            : Rows(["2026-12-01 16:00:00.123000000", "31.0", "12.5"], ["2026-12-01 16:00:01.123000000", null, "13"]));
        var request = new ExportRequest(From, From.AddHours(1), ["motor_current", "zz_unsent", "mix_rpm"]);
        var units = new Dictionary<string, string> { ["motor_current"] = "A", ["mix_rpm"] = "rpm", ["zz_unsent"] = "%" };
        using var body = new MemoryStream();

        await new TimestreamCsvExport(factory, Endpoints(), Options).WriteAsync(body, "VM-FM-29901", request, units, CancellationToken.None);

        Assert.Equal(
            """
            timestamp_utc,metric,value,unit
            2026-12-01T16:00:00.123Z,mix_rpm,31,rpm
            2026-12-01T16:00:00.123Z,motor_current,12.5,A
            2026-12-01T16:00:01.123Z,motor_current,13,A

            """.ReplaceLineEndings("\n"),
            Encoding.UTF8.GetString(body.ToArray()).ReplaceLineEndings("\n"));
        Assert.Equal(2, queries.Count);
        Assert.Contains("SELECT time, \"mix_rpm\", \"motor_current\"\n", queries[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Timestream_needs_a_database_and_a_table_named_as_Timestream_names_them()
    {
        var options = new TimeSeriesOptions { Store = TimeSeriesStoreKind.Timestream, TimestreamDatabase = "db", TimestreamTable = "points; drop" };

        var errors = options.Validate(new ValidationContext(options)).SelectMany(e => e.MemberNames).ToList();

        Assert.Equal(["TimestreamDatabase", "TimestreamTable"], errors);
        Assert.Empty(new TimeSeriesOptions().Validate(new ValidationContext(options)));
    }

    [Fact]
    public void Timestamps_keep_what_dotnet_can_hold_of_Timestreams_nanoseconds()
    {
        Assert.Equal(new DateTime(2026, 12, 1, 16, 0, 0, DateTimeKind.Utc).AddTicks(1_234_567), TimestreamTelemetry.ParseTime("2026-12-01 16:00:00.123456789"));
        Assert.Equal(DateTimeKind.Utc, TimestreamTelemetry.ParseTime("2026-12-01 16:00:00.000000000").Kind);
    }

    private static TimestreamEndpoints<TimestreamQueryClient> Endpoints() => new(TimeProvider.System);

    /// <summary>A client factory whose Query answers come from <paramref name="answer"/>, given each query's SQL.</summary>
    private static HandlerClientFactory Factory(List<string> queries, Func<string, HttpResponseMessage> answer) =>
        new(new CapturingHandler((request, body) =>
        {
            if (request.Headers.GetValues(AwsJsonProtocol.TargetHeader).Single().EndsWith(".DescribeEndpoints", StringComparison.Ordinal))
            {
                return Json(HttpStatusCode.OK, """{"Endpoints":[{"Address":"query-cell1.timestream.ca-central-1.amazonaws.com","CachePeriodInMinutes":1440}]}""");
            }

            var sql = JsonNode.Parse(body)!["QueryString"]!.GetValue<string>();
            queries.Add(sql);
            return answer(sql);
        }), TimestreamApi.QueryEndpoint("ca-central-1"));

    private static HttpResponseMessage Rows(params string?[][] rows) => Json(HttpStatusCode.OK, new JsonObject
    {
        ["QueryId"] = "q1",
        ["Rows"] = new JsonArray([.. rows.Select(r => (JsonNode)new JsonObject
        {
            ["Data"] = new JsonArray([.. r.Select(cell => (JsonNode)(cell is null ? new JsonObject { ["NullValue"] = true } : new JsonObject { ["ScalarValue"] = cell }))]),
        })]),
        ["ColumnInfo"] = new JsonArray(),
    }.ToJsonString());

    private static HttpResponseMessage Refused(string message) =>
        Json(HttpStatusCode.BadRequest, new JsonObject { ["__type"] = "ValidationException", ["message"] = message }.ToJsonString());

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.0") };
}
