using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using Valmetal.DeviceContract.Messages;

namespace Valmetal.DeviceState;

/// <summary>A device's live state as stored in DynamoDB.</summary>
public sealed record DeviceStateSnapshot(
    string Thing,
    bool Online,
    DateTimeOffset? StatusChangedAt,
    DateTimeOffset? LastSeen,
    IReadOnlyDictionary<string, MetricReading> Metrics,
    JsonObject Reported,
    long? ReportedVersion,
    JsonObject Desired,
    long DesiredVersion,
    IReadOnlyDictionary<string, DateTimeOffset> ReportedTimestamps,
    IReadOnlyDictionary<string, DateTimeOffset> DesiredTimestamps)
{
    /// <summary>Desired keys whose value the device has not reported yet (the shadow's delta).</summary>
    public JsonObject Delta => new(Desired
        .Where(d => !JsonNode.DeepEquals(d.Value, Reported[d.Key]))
        .Select(d => KeyValuePair.Create(d.Key, d.Value?.DeepClone())));

    public static DeviceStateSnapshot FromItem(Dictionary<string, AttributeValue> item)
    {
        var metrics = new Dictionary<string, MetricReading>(StringComparer.Ordinal);
        var reported = new JsonObject();
        var desired = new JsonObject();
        var reportedAt = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var desiredAt = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var (name, value) in item)
        {
            if (name.StartsWith(DeviceStateAttributes.MetricPrefix, StringComparison.Ordinal) && value.M is { } reading
                && reading.TryGetValue(DeviceStateAttributes.MetricValue, out var v)
                && reading.TryGetValue(DeviceStateAttributes.MetricTimestamp, out var ts))
            {
                metrics[name[DeviceStateAttributes.MetricPrefix.Length..]] = new MetricReading(
                    double.Parse(v.N, CultureInfo.InvariantCulture), ParseTime(ts.S)!.Value);
            }
            else if (name.StartsWith(DeviceStateAttributes.ReportedTimestampPrefix, StringComparison.Ordinal) && ParseTime(value.S) is { } reportedTime)
            {
                reportedAt[name[DeviceStateAttributes.ReportedTimestampPrefix.Length..]] = reportedTime;
            }
            else if (name.StartsWith(DeviceStateAttributes.DesiredTimestampPrefix, StringComparison.Ordinal) && ParseTime(value.S) is { } desiredTime)
            {
                desiredAt[name[DeviceStateAttributes.DesiredTimestampPrefix.Length..]] = desiredTime;
            }
            else if (name.StartsWith(DeviceStateAttributes.ReportedPrefix, StringComparison.Ordinal))
            {
                reported[name[DeviceStateAttributes.ReportedPrefix.Length..]] = AttributeValueJson.ToJsonNode(value);
            }
            else if (name.StartsWith(DeviceStateAttributes.DesiredPrefix, StringComparison.Ordinal))
            {
                desired[name[DeviceStateAttributes.DesiredPrefix.Length..]] = AttributeValueJson.ToJsonNode(value);
            }
        }

        return new DeviceStateSnapshot(
            item[DeviceStateAttributes.Thing].S,
            item.TryGetValue(DeviceStateAttributes.Online, out var online) && online.BOOL == true,
            item.TryGetValue(DeviceStateAttributes.StatusChangedAt, out var changed) ? ParseTime(changed.S) : null,
            item.TryGetValue(DeviceStateAttributes.LastSeen, out var seen) ? ParseTime(seen.S) : null,
            metrics,
            reported,
            item.TryGetValue(DeviceStateAttributes.ReportedVersion, out var version) && version.N is not null
                ? long.Parse(version.N, CultureInfo.InvariantCulture)
                : null,
            desired,
            item.TryGetValue(DeviceStateAttributes.DesiredVersion, out var desiredVersion) && desiredVersion.N is not null
                ? long.Parse(desiredVersion.N, CultureInfo.InvariantCulture)
                : 0,
            reportedAt,
            desiredAt);
    }

    private static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
}
