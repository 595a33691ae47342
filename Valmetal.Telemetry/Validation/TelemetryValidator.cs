using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.Rejections;
using Valmetal.DeviceState;
using Valmetal.Telemetry.Catalogue;
using Valmetal.Telemetry.Storage;

namespace Valmetal.Telemetry.Validation;

/// <summary>
/// Judges a telemetry message against the device contract (docs/device-contract.md) and the model's metric catalogue.
/// A message that cannot be read is rejected whole; a bad sample or value is rejected alone, so one faulty
/// sensor never costs the good readings beside it.
/// </summary>
public sealed partial class TelemetryValidator(
    DeviceCatalogue catalogue,
    RecentMessages recent,
    TimeProvider time,
    TimeSpan maxSampleAge)
{
    public TelemetryValidation Validate(string thing, ReadOnlySequence<byte> payload)
    {
        if (payload.Length > ContractLimits.MaxPayloadBytes)
        {
            return TelemetryValidation.Reject(RejectionReason.PayloadTooLarge,
                $"payload is {payload.Length} bytes; the limit is {ContractLimits.MaxPayloadBytes}");
        }

        if (!catalogue.TryGet(thing, out var device))
        {
            return TelemetryValidation.Reject(RejectionReason.UnknownThing, $"thing '{thing}' is not registered equipment");
        }

        if (!Utf8Payload.IsValid(payload))
        {
            return TelemetryValidation.Reject(RejectionReason.MalformedJson, "payload is not valid UTF-8", device);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload, DeviceJson.DocumentOptions);
        }
        catch (JsonException ex)
        {
            return TelemetryValidation.Reject(RejectionReason.MalformedJson, $"not valid JSON: {ex.Message}", device);
        }

        using (document)
        {
            return ValidateDocument(document.RootElement, device);
        }
    }

    private TelemetryValidation ValidateDocument(JsonElement root, DeviceProfile device)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return TelemetryValidation.Reject(RejectionReason.InvalidSchema, "payload must be a JSON object", device);
        }

        if (!root.TryGetProperty("seq", out var seqElement) || seqElement.ValueKind != JsonValueKind.Number || !seqElement.TryGetInt64(out var seq) || seq < 0)
        {
            return TelemetryValidation.Reject(RejectionReason.InvalidSchema, "'seq' must be a non-negative integer", device);
        }

        var samples = new List<JsonElement>();
        if (root.TryGetProperty("samples", out var samplesElement))
        {
            if (samplesElement.ValueKind != JsonValueKind.Array || samplesElement.GetArrayLength() == 0)
            {
                return TelemetryValidation.Reject(RejectionReason.InvalidSchema, "'samples' must be a non-empty array", device);
            }

            if (samplesElement.GetArrayLength() > ContractLimits.MaxSamplesPerMessage)
            {
                return TelemetryValidation.Reject(RejectionReason.TooManySamples,
                    $"{samplesElement.GetArrayLength()} samples; the limit is {ContractLimits.MaxSamplesPerMessage}", device);
            }

            samples.AddRange(samplesElement.EnumerateArray());
        }
        else
        {
            samples.Add(root);
        }

        var points = new List<TelemetryPoint>();
        var rejections = new RejectionList();
        DateTime? firstTimestamp = null;
        for (var i = 0; i < samples.Count; i++)
        {
            var where = samples.Count == 1 ? string.Empty : $"samples[{i}].";
            var sampleError = ReadSample(samples[i], where, device, points, rejections, out var ts);
            if (sampleError is not null)
            {
                if (samples.Count == 1)
                {
                    return new TelemetryValidation(ValidationStatus.Rejected, device, [], [sampleError]);
                }

                rejections.Add(sampleError);
            }

            firstTimestamp ??= ts;
        }

        if (points.Count == 0)
        {
            return new TelemetryValidation(ValidationStatus.Rejected, device, [], rejections.ToList());
        }

        if (!recent.TryRemember(device.Thing, seq, firstTimestamp ?? points[0].Timestamp))
        {
            return new TelemetryValidation(ValidationStatus.Duplicate, device, [], []);
        }

        var status = rejections.Count == 0 ? ValidationStatus.Accepted : ValidationStatus.PartiallyAccepted;
        return new TelemetryValidation(status, device, points, rejections.ToList());
    }

    /// <summary>Reads one sample; returns an error when the whole sample is unusable.</summary>
    private Rejection? ReadSample(
        JsonElement sample, string where, DeviceProfile device, List<TelemetryPoint> points, RejectionList rejections, out DateTime? timestamp)
    {
        timestamp = null;
        if (sample.ValueKind != JsonValueKind.Object)
        {
            return new Rejection(RejectionReason.InvalidSchema, $"{where.TrimEnd('.')} must be an object");
        }

        if (!sample.TryGetProperty("ts", out var tsElement) || tsElement.ValueKind != JsonValueKind.String
            || !TryParseTimestamp(tsElement.GetString()!, out var ts))
        {
            return new Rejection(RejectionReason.InvalidSchema, $"'{where}ts' must be an ISO 8601 timestamp with a time zone");
        }

        var now = time.GetUtcNow();
        if (ts > now + ContractLimits.MaxFutureSkew)
        {
            return new Rejection(RejectionReason.FutureTimestamp,
                $"'{where}ts' {ts:O} is more than {ContractLimits.MaxFutureSkew.TotalMinutes:0} minutes ahead of the server clock");
        }

        if (ts < now - maxSampleAge)
        {
            return new Rejection(RejectionReason.StaleTimestamp, $"'{where}ts' {ts:O} is older than {maxSampleAge.TotalDays:0} days");
        }

        if (!sample.TryGetProperty("metrics", out var metrics) || metrics.ValueKind != JsonValueKind.Object)
        {
            return new Rejection(RejectionReason.InvalidSchema, $"'{where}metrics' must be an object of numbers");
        }

        timestamp = ts.UtcDateTime;
        var count = 0;
        foreach (var metric in metrics.EnumerateObject())
        {
            if (++count > ContractLimits.MaxMetricsPerSample)
            {
                return new Rejection(RejectionReason.InvalidSchema,
                    $"'{where}metrics' has more than {ContractLimits.MaxMetricsPerSample} entries");
            }

            var rejection = ReadMetric(metric, where, device, timestamp.Value, points);
            if (rejection is not null)
            {
                rejections.Add(rejection);
            }
        }

        return count == 0 ? new Rejection(RejectionReason.InvalidSchema, $"'{where}metrics' is empty") : null;
    }

    private static Rejection? ReadMetric(JsonProperty metric, string where, DeviceProfile device, DateTime timestamp, List<TelemetryPoint> points)
    {
        var name = metric.Name.Length > ContractLimits.MaxMetricNameLength
            ? metric.Name[..ContractLimits.MaxMetricNameLength] + "…"
            : metric.Name;
        if (!device.Metrics.TryGetValue(metric.Name, out var definition))
        {
            return new Rejection(RejectionReason.UnknownMetric, $"'{where}metrics.{name}' is not in the catalogue of model {device.ModelCode}");
        }

        if (metric.Value.ValueKind != JsonValueKind.Number || !metric.Value.TryGetDouble(out var value) || !double.IsFinite(value))
        {
            return new Rejection(RejectionReason.WrongType, $"'{where}metrics.{name}' must be a number, got {metric.Value.ValueKind}");
        }

        if (value < definition.MinValid || value > definition.MaxValid || !DynamoDbLimits.IsStorable(value))
        {
            return new Rejection(RejectionReason.OutOfRange, string.Create(CultureInfo.InvariantCulture,
                $"'{where}metrics.{name}' = {value} is outside [{definition.MinValid}, {definition.MaxValid}] {definition.Unit}"));
        }

        points.Add(new TelemetryPoint(device.Thing, metric.Name, timestamp, value));
        return null;
    }

    private static bool TryParseTimestamp(string text, out DateTimeOffset timestamp)
    {
        timestamp = default;
        return Iso8601WithZone().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out timestamp);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso8601WithZone();
}
