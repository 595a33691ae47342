using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Localization;
using Valmetal.AwsHttp.Timestream;

namespace Valmetal.Api.Infrastructure;

/// <summary>
/// With Timestream as the time-series store, a history or export that Timestream did not answer (throttled, down, or
/// refused: the API builds those queries, so a refusal is this service's fault, not the caller's) is a 503 to retry,
/// not a 500; the log keeps Timestream's own error.
/// </summary>
public sealed partial class TimestreamExceptionHandler(IProblemDetailsService problemDetails, ILogger<TimestreamExceptionHandler> logger) : IExceptionHandler
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(TimestreamExceptionHandler));

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not TimestreamException timestream)
        {
            return false;
        }

        LogTimestreamFailed(timestream, timestream.Code);
        return await QueryTimeoutExceptionHandler.WriteUnavailableAsync(problemDetails, httpContext, exception, Text["Title"], Text["Detail"]);
    }

    [LoggerMessage(LogLevel.Error, "Timestream failed a telemetry read ({Code})")]
    private partial void LogTimestreamFailed(Exception ex, string code);
}
