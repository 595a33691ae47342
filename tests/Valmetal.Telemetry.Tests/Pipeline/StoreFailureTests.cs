using System.Net;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Npgsql;
using Valmetal.AwsHttp;
using Valmetal.AwsHttp.Timestream;
using Valmetal.Telemetry.Pipeline;

namespace Valmetal.Telemetry.Tests.Pipeline;

public sealed class StoreFailureTests
{
    public static TheoryData<Exception, FailureKind> Failures() => new()
    {
        { new PostgresException("numeric field overflow", "ERROR", "ERROR", "22003"), FailureKind.Permanent },
        { new PostgresException("invalid byte sequence", "ERROR", "ERROR", "22021"), FailureKind.Permanent },
        { new PostgresException("null value violates not-null constraint", "ERROR", "ERROR", "23502"), FailureKind.Permanent },
        { new PostgresException("index row size exceeds maximum", "ERROR", "ERROR", "54000"), FailureKind.Permanent },
        { new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"), FailureKind.Transient },
        { new PostgresException("deadlock detected", "ERROR", "ERROR", "40P01"), FailureKind.Transient },
        { new PostgresException("relation does not exist", "ERROR", "ERROR", "42P01"), FailureKind.Transient },
        { new NpgsqlException("Exception while reading from stream", new IOException()), FailureKind.Transient },
        { Dynamo("ValidationException", HttpStatusCode.BadRequest), FailureKind.Permanent },
        { Dynamo("ItemCollectionSizeLimitExceededException", HttpStatusCode.BadRequest), FailureKind.Permanent },
        { Dynamo("ProvisionedThroughputExceededException", HttpStatusCode.BadRequest), FailureKind.Transient },
        { Dynamo("ThrottlingException", HttpStatusCode.BadRequest), FailureKind.Transient },
        { Dynamo("ResourceNotFoundException", HttpStatusCode.BadRequest), FailureKind.Transient },
        { Dynamo("AccessDeniedException", HttpStatusCode.BadRequest), FailureKind.Transient },
        { Dynamo("InternalServerError", HttpStatusCode.InternalServerError), FailureKind.Transient },
        { new AmazonClientException("could not resolve host"), FailureKind.Transient },
        { new HttpRequestException("connection refused"), FailureKind.Transient },
        { new TaskCanceledException("the SDK's request timed out"), FailureKind.Transient },
        { new AggregateException(Dynamo("ValidationException", HttpStatusCode.BadRequest), new HttpRequestException()), FailureKind.Transient },
        { new AggregateException(Dynamo("ValidationException", HttpStatusCode.BadRequest)), FailureKind.Permanent },
        { TimestreamErrors.From(Timestream("RejectedRecordsException", 419)), FailureKind.Permanent },
        { TimestreamErrors.From(Timestream("ValidationException", 400)), FailureKind.Permanent },
        { TimestreamErrors.From(Timestream("ThrottlingException", 429)), FailureKind.Transient },
        { TimestreamErrors.From(Timestream("AccessDeniedException", 403)), FailureKind.Transient },
        { TimestreamErrors.From(Timestream("ResourceNotFoundException", 404)), FailureKind.Transient },
        { TimestreamErrors.From(Timestream("InternalServerException", 500)), FailureKind.Transient },
        { TimestreamErrors.From(Timestream("Unreachable", 503)), FailureKind.Transient },
        { new ArgumentException("An item with the same key has already been added"), FailureKind.Permanent },
        { new FormatException(), FailureKind.Permanent },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Refusals_of_the_data_are_permanent_and_trouble_reaching_the_store_is_transient(Exception failure, FailureKind expected) =>
        Assert.Equal(expected, StoreFailure.Classify(failure));

    private static AwsError Timestream(string code, int status) => new(code, code + " from the service", status, "request-id");

    private static AmazonDynamoDBException Dynamo(string code, HttpStatusCode status) =>
        new(code + " from the service", ErrorType.Sender, code, "request-id", status);
}
