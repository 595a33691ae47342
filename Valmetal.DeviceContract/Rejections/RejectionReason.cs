namespace Valmetal.DeviceContract.Rejections;

/// <summary>Why the telemetry service refused a device message or value.</summary>
public enum RejectionReason
{
    PayloadTooLarge,
    MalformedJson,
    InvalidSchema,
    UnknownThing,
    UnknownMetric,
    WrongType,
    OutOfRange,
    FutureTimestamp,
    StaleTimestamp,
    TooManySamples,
    Unreadable,
    StoreRefused,
    Quarantined,
}

/// <summary>
/// The snake_case codes stored with rejected messages, used as the metric tag and shown (translated) by the web app:
/// stable, since stored rows and dashboards keep them.
/// </summary>
public static class RejectionReasonCodes
{
    public const string PayloadTooLarge = "payload_too_large";
    public const string MalformedJson = "malformed_json";
    public const string InvalidSchema = "invalid_schema";
    public const string UnknownThing = "unknown_thing";
    public const string UnknownMetric = "unknown_metric";
    public const string WrongType = "wrong_type";
    public const string OutOfRange = "out_of_range";
    public const string FutureTimestamp = "future_timestamp";
    public const string StaleTimestamp = "stale_timestamp";
    public const string TooManySamples = "too_many_samples";
    public const string Unreadable = "unreadable";
    public const string StoreRefused = "store_refused";
    public const string Quarantined = "quarantined";

    public static string Code(this RejectionReason reason) => reason switch
    {
        RejectionReason.PayloadTooLarge => PayloadTooLarge,
        RejectionReason.MalformedJson => MalformedJson,
        RejectionReason.InvalidSchema => InvalidSchema,
        RejectionReason.UnknownThing => UnknownThing,
        RejectionReason.UnknownMetric => UnknownMetric,
        RejectionReason.WrongType => WrongType,
        RejectionReason.OutOfRange => OutOfRange,
        RejectionReason.FutureTimestamp => FutureTimestamp,
        RejectionReason.StaleTimestamp => StaleTimestamp,
        RejectionReason.TooManySamples => TooManySamples,
        RejectionReason.Unreadable => Unreadable,
        RejectionReason.StoreRefused => StoreRefused,
        RejectionReason.Quarantined => Quarantined,
        _ => reason.ToString(),
    };
}
