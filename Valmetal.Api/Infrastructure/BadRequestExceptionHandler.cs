using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Valmetal.Api.Infrastructure;

/// <summary>
/// Turns a request that cannot be bound (a query value of the wrong type, unreadable JSON) into a 400
/// problem details that names what was wrong, instead of a 500.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(BadRequestExceptionHandler));

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        httpContext.Response.StatusCode = badRequest.StatusCode;
        var problem = new ProblemDetails
        {
            Status = badRequest.StatusCode,
            Title = badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge ? Text["TooLarge"] : Text["Unreadable"],
            Detail = badRequest.Message,
        };

        // Name the JSON field that could not be read, as validation problems do.
        if (badRequest.InnerException is System.Text.Json.JsonException { Path: { Length: > 2 } path } json)
        {
            var field = path.TrimStart('$', '.');
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [json.Message] };
        }
        else if (BindingFailure.TryRead(badRequest.Message, out var parameter, out var reason))
        {
            problem.Detail = Text["FieldRefused", parameter, reason];
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [parameter] = [reason] };
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = problem,
        });
    }
}
