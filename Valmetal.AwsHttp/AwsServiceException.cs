namespace Valmetal.AwsHttp;

/// <summary>An error as every AWS protocol names it: a code without namespace or suffix, a message, the status and request id.</summary>
public sealed record AwsError(string Code, string Message, int StatusCode, string? RequestId)
{
    /// <summary>
    /// A JSON error's whole body, for errors with members beyond the message (Timestream's <c>RejectedRecords</c>).
    /// </summary>
    public System.Text.Json.Nodes.JsonObject? Body { get; init; }
}

/// <summary>
/// An error answer from an AWS service. Clients that know the service map <see cref="AwsError.Code"/> to finer
/// exceptions (Valmetal.Identity's <c>CognitoErrors</c> derives its kinds from this type).
/// </summary>
public class AwsServiceException(AwsError error) : Exception($"{error.Code}: {error.Message}")
{
    public AwsError Error { get; } = error;

    public string Code => Error.Code;

    public string AwsMessage => Error.Message;

    public int StatusCode => Error.StatusCode;

    public string? RequestId => Error.RequestId;

    /// <summary>The service gave no answer at all (no connection, or none in time) after the client's retries.</summary>
    public bool IsNoAnswer => Code is AwsExchange.Unreachable or AwsExchange.Timeout;
}
