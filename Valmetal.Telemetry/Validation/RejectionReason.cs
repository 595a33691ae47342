namespace Valmetal.Telemetry.Validation;

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

public static class RejectionReasonCodes
{
    /// <summary>The snake_case code stored with rejected messages and used as the metric tag.</summary>
    public static string Code(this RejectionReason reason) => reason switch
    {
        RejectionReason.PayloadTooLarge => "payload_too_large",
        RejectionReason.MalformedJson => "malformed_json",
        RejectionReason.InvalidSchema => "invalid_schema",
        RejectionReason.UnknownThing => "unknown_thing",
        RejectionReason.UnknownMetric => "unknown_metric",
        RejectionReason.WrongType => "wrong_type",
        RejectionReason.OutOfRange => "out_of_range",
        RejectionReason.FutureTimestamp => "future_timestamp",
        RejectionReason.StaleTimestamp => "stale_timestamp",
        RejectionReason.TooManySamples => "too_many_samples",
        RejectionReason.Unreadable => "unreadable",
        RejectionReason.StoreRefused => "store_refused",
        RejectionReason.Quarantined => "quarantined",
        _ => reason.ToString(),
    };
}

/// <summary>A refusal; <paramref name="Count"/> is how many refused values it stands for.</summary>
public sealed record Rejection(RejectionReason Reason, string Detail, int Count = 1);
