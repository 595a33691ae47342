using Valmetal.DeviceContract.Rejections;
using Valmetal.Telemetry.Catalogue;
using Valmetal.Telemetry.Storage;

namespace Valmetal.Telemetry.Validation;

public enum ValidationStatus
{
    /// <summary>Every point is good.</summary>
    Accepted,

    /// <summary>Some points are good and stored; the others are recorded as rejections.</summary>
    PartiallyAccepted,

    /// <summary>Nothing in the message can be stored.</summary>
    Rejected,

    /// <summary>The same message was already accepted; nothing to store, only to acknowledge.</summary>
    Duplicate,
}

public sealed record TelemetryValidation(
    ValidationStatus Status,
    DeviceProfile? Device,
    IReadOnlyList<TelemetryPoint> Points,
    IReadOnlyList<Rejection> Rejections)
{
    public static TelemetryValidation Reject(RejectionReason reason, string detail, DeviceProfile? device = null) =>
        new(ValidationStatus.Rejected, device, [], [new Rejection(reason, detail)]);
}
