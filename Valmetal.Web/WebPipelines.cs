using System.Net;
using Polly;
using Polly.Retry;
using Valmetal.Web.Components.Live;

namespace Valmetal.Web;

/// <summary>The web app's named resilience pipelines, resolved through <see cref="Polly.Registry.ResiliencePipelineProvider{TKey}"/>.</summary>
public static partial class WebPipelines
{
    /// <summary>
    /// A page's live stream from the API (<see cref="LiveFeed"/>), asked for again about 2 s (jittered, so pages do not
    /// return together after an API restart) after it was interrupted or the API ended it, for as long as the page is
    /// open. An end is retried too: the API's access re-check ends a stream with <c>access-changed</c>, and asking again
    /// is how the page learns whether it may still watch. A refusal (<see cref="IsRefusal"/>) and anything else end the
    /// feed. The delay does not grow: one execution lasts as long as the page and Polly counts attempts per execution,
    /// so a growing delay would never come back down after a stream that ran for hours.
    /// </summary>
    public const string LiveReconnect = "live-reconnect";

    /// <summary>Disabled, role changed, or the farm is no longer the user's: asking again gets the same answer.</summary>
    public static bool IsRefusal(HttpRequestException ex) => ex.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound;

    public static IServiceCollection AddWebPipelines(this IServiceCollection services) =>
        services.AddResiliencePipeline(LiveReconnect, (builder, context) =>
        {
            var logger = context.ServiceProvider.GetRequiredService<ILogger<LiveFeed>>();
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception switch
                {
                    null => true,
                    HttpRequestException ex => !IsRefusal(ex),
                    IOException => true,
                    _ => false,
                }),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Constant,
                Delay = TimeSpan.FromSeconds(2),
                UseJitter = true,
                OnRetry = args =>
                {
                    if (args.Outcome.Exception is { } ex)
                    {
                        LogStreamFailed(logger, ex);
                    }

                    return default;
                },
            });
        });

    [LoggerMessage(LogLevel.Warning, "Live stream from the API interrupted; reconnecting")]
    private static partial void LogStreamFailed(ILogger logger, Exception ex);
}
