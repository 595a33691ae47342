using System.Net;
using Amazon.Runtime;
using Npgsql;
using Valmetal.AwsHttp.Timestream;

namespace Valmetal.Telemetry.Pipeline;

public enum FailureKind
{
    /// <summary>The store could not answer now (connection, timeout, throttling, failover): the same write may succeed later.</summary>
    Transient,

    /// <summary>The store refused what was written: the same write will fail again, so it is quarantined, not retried.</summary>
    Permanent,
}

/// <summary>
/// Sorts a failed write into retry or quarantine. A store that is down must never cost data, so everything about
/// reaching it is transient; a refusal of the data itself is permanent and isolated down to the message that caused it.
/// </summary>
public static class StoreFailure
{
    /// <summary>DynamoDB's refusals of a request's content (as opposed to its rate, its credentials or the service's health).</summary>
    private static readonly HashSet<string> DynamoRefusals = new(StringComparer.Ordinal)
    {
        "ValidationException",
        "ItemCollectionSizeLimitExceededException",
        "ConditionalCheckFailedException",
        "SerializationException",
    };

    public static FailureKind Classify(Exception ex) => ex switch
    {
        // Class 22 is a data exception (a value the column cannot hold), 23 a constraint, 54 a program limit
        // (an index row too large): the rows, not the server. Anything else is the server's state, retried.
        PostgresException pg => pg.SqlState[..2] is "22" or "23" or "54" ? FailureKind.Permanent : FailureKind.Transient,
        NpgsqlException => FailureKind.Transient,
        AmazonServiceException aws => aws.ErrorCode is { } code && DynamoRefusals.Contains(code)
            || (aws.StatusCode == HttpStatusCode.BadRequest && aws.ErrorCode is null)
                ? FailureKind.Permanent
                : FailureKind.Transient,
        AmazonClientException or HttpRequestException or IOException or TimeoutException or OperationCanceledException
            or System.Net.Sockets.SocketException => FailureKind.Transient,
        // Timestream refused records or the request's content; anything else it answers is its state or the deployment's.
        TimestreamRecordsRejectedException or TimestreamRefusedException => FailureKind.Permanent,
        Valmetal.AwsHttp.AwsServiceException => FailureKind.Transient,
        AggregateException { InnerExceptions.Count: > 0 } many => many.InnerExceptions.All(e => Classify(e) == FailureKind.Permanent)
            ? FailureKind.Permanent
            : FailureKind.Transient,
        // Our own code threw on this data (an argument, format or cast it could not take): the message, not the store.
        _ => FailureKind.Permanent,
    };
}
