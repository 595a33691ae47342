using System.Text.Json.Nodes;

namespace Valmetal.AwsHttp.Timestream;

/// <summary>An error answered by Timestream for LiveAnalytics, sorted by <see cref="TimestreamErrors.From"/> into what a caller does next.</summary>
public abstract class TimestreamException(AwsError error) : AwsServiceException(error);

/// <summary>
/// Some records of a WriteRecords were refused; the others were written. Each refusal names its record's index, the
/// reason and, for a record already stored with other values, that record's version.
/// </summary>
public sealed class TimestreamRecordsRejectedException(AwsError error, IReadOnlyList<RejectedRecord> records) : TimestreamException(error)
{
    public IReadOnlyList<RejectedRecord> Records { get; } = records;
}

/// <summary>One refused record: its index in the request, why, and the stored version when it collided with a stored record.</summary>
public sealed record RejectedRecord(int RecordIndex, string Reason, long? ExistingVersion);

/// <summary>The request's content was refused (a malformed record or query); sending it again fails again.</summary>
public sealed class TimestreamRefusedException(AwsError error) : TimestreamException(error);

/// <summary>The task role may not call this, or the database or table does not exist: the deployment, not the data.</summary>
public sealed class TimestreamNotAvailableException(AwsError error) : TimestreamException(error);

/// <summary>Throttled, failed, unreachable or unreadable: the same request may succeed later.</summary>
public sealed class TimestreamUnavailableException(AwsError error) : TimestreamException(error);

/// <summary>The errors Timestream's Write and Query APIs document, and those common to all AWS APIs.</summary>
public static class TimestreamErrors
{
    /// <summary>The discovered endpoint is no longer this account's: discover again.</summary>
    public const string InvalidEndpoint = "InvalidEndpointException";

    public static TimestreamException From(AwsError error) => error.Code switch
    {
        "RejectedRecordsException" => new TimestreamRecordsRejectedException(error, Rejected(error.Body)),
        "ValidationException" or "QueryExecutionException" or "ConflictException" => new TimestreamRefusedException(error),
        "AccessDeniedException" or "ResourceNotFoundException" or "UnrecognizedClientException" or "InvalidSignatureException"
            or "ExpiredTokenException" or "ServiceQuotaExceededException" => new TimestreamNotAvailableException(error),
        _ => new TimestreamUnavailableException(error),
    };

    private static List<RejectedRecord> Rejected(JsonObject? body) =>
        [.. (body?["RejectedRecords"] as JsonArray ?? []).OfType<JsonObject>().Select(r => new RejectedRecord(
            r["RecordIndex"]?.GetValue<int>() ?? -1,
            r["Reason"]?.GetValue<string>() ?? "no reason given",
            r["ExistingVersion"]?.GetValue<long>()))];
}
