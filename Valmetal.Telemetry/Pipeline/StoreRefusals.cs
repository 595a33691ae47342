using System.Globalization;
using Valmetal.DeviceContract.Rejections;
using Valmetal.Telemetry.Storage;
using Valmetal.Telemetry.Validation;

namespace Valmetal.Telemetry.Pipeline;

/// <summary>The record kept of a message that a store refused: its origin, which store, why, and what was refused.</summary>
public static class StoreRefusals
{
    public static RejectedMessage Record(IngestItem item, string store, Exception error) => RejectedMessage.Of(
        item.Origin,
        RejectionReason.StoreRefused.Code(),
        $"{store} refused it: {error.GetType().Name}: {error.Message}",
        Describe(item));

    /// <summary>The payload is gone by now; what the store was asked to keep stands in for it.</summary>
    private static string Describe(IngestItem item) =>
        item.StateChange?.Reported is { } reported ? reported.ToJsonString()
        : item.Points.Count > 0 ? string.Join(", ", item.Points.Take(20).Select(p =>
            string.Create(CultureInfo.InvariantCulture, $"{p.Metric}@{p.Timestamp:O}={p.Value}")))
        : item.Event is { } deviceEvent ? $"event {deviceEvent.Code}"
        : item.Answer is { } answer ? $"answer {answer.Status} to {answer.CommandId}"
        : item.StateChange?.Online is { } online ? $"online={online}"
        : string.Empty;
}
