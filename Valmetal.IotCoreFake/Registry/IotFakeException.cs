namespace Valmetal.IotCoreFake.Registry;

/// <summary>An error as IoT Core answers it: the status, the <c>x-amzn-ErrorType</c> header and a JSON message.</summary>
public sealed class IotFakeException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public static IotFakeException NotFound(string message) => new(StatusCodes.Status404NotFound, "ResourceNotFoundException", message);

    public static IotFakeException AlreadyExists(string message) => new(StatusCodes.Status409Conflict, "ResourceAlreadyExistsException", message);

    public static IotFakeException InvalidRequest(string message) => new(StatusCodes.Status400BadRequest, "InvalidRequestException", message);

    public static IotFakeException CertificateState(string message) => new(StatusCodes.Status406NotAcceptable, "CertificateStateException", message);

    public IResult ToResult(HttpContext http)
    {
        http.Response.Headers["x-amzn-ErrorType"] = Code;
        return Results.Json(new { message = Message }, statusCode: Status);
    }
}
