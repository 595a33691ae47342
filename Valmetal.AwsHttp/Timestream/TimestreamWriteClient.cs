using System.Globalization;
using System.Text.Json.Nodes;

namespace Valmetal.AwsHttp.Timestream;

/// <summary>One multi-measure record: the dimensions naming its series, its time, and its DOUBLE measures by name.</summary>
public sealed record MultiMeasureRecord(
    IReadOnlyList<KeyValuePair<string, string>> Dimensions, DateTimeOffset Time, IReadOnlyList<KeyValuePair<string, double>> Measures);

/// <summary>
/// Timestream's WriteRecords with multi-measure records, to the endpoint discovery names. Writing a record again with
/// the same values is a no-op for Timestream, so a write is retried like any idempotent call; a record stored before
/// with other values comes back in <see cref="TimestreamRecordsRejectedException"/> with its existing version.
/// </summary>
public sealed class TimestreamWriteClient(HttpClient http, TimestreamEndpoints<TimestreamWriteClient> endpoints)
{
    /// <summary>Timestream's limits: records per WriteRecords, measures per multi-measure record.</summary>
    public const int MaxRecordsPerWrite = 100;

    public const int MaxMeasuresPerRecord = 256;

    /// <summary>
    /// Writes 1 to <see cref="MaxRecordsPerWrite"/> records under one measure name, times in milliseconds; answers
    /// how many records Timestream ingested.
    /// </summary>
    public async Task<int> WriteRecordsAsync(string database, string table, string measureName, IReadOnlyList<MultiMeasureRecord> records, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfZero(records.Count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(records.Count, MaxRecordsPerWrite);
        var body = new JsonObject
        {
            ["DatabaseName"] = database,
            ["TableName"] = table,
            // What every record shares goes once, as AWS's guidance on batching writes recommends.
            ["CommonAttributes"] = new JsonObject
            {
                ["MeasureName"] = measureName,
                ["MeasureValueType"] = "MULTI",
                ["TimeUnit"] = "MILLISECONDS",
            },
            ["Records"] = new JsonArray([.. records.Select(Record)]),
        };
        var answer = await endpoints.SendAsync(http, "WriteRecords", body, ct);
        return answer["RecordsIngested"]?["Total"]?.GetValue<int>() ?? 0;
    }

    private static JsonObject Record(MultiMeasureRecord record)
    {
        ArgumentOutOfRangeException.ThrowIfZero(record.Measures.Count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(record.Measures.Count, MaxMeasuresPerRecord);
        return new JsonObject
        {
            ["Dimensions"] = new JsonArray([.. record.Dimensions.Select(d => (JsonNode)new JsonObject { ["Name"] = d.Key, ["Value"] = d.Value })]),
            ["MeasureValues"] = new JsonArray([.. record.Measures.Select(m => (JsonNode)new JsonObject
            {
                ["Name"] = m.Key,
                ["Value"] = m.Value.ToString("R", CultureInfo.InvariantCulture),
                ["Type"] = "DOUBLE",
            })]),
            ["Time"] = record.Time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        };
    }
}
