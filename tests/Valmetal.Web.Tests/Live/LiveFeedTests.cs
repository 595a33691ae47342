using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Valmetal.DeviceContract.Messages;
using Valmetal.Identity;
using Valmetal.Web.Account;
using Valmetal.Web.ApiClient;
using Valmetal.TestSupport;
using Valmetal.Web.Components.Live;
using Valmetal.Web.Tests.Hosting;

namespace Valmetal.Web.Tests.Live;

/// <summary>How a page's live feed, through the <see cref="WebPipelines.LiveReconnect"/> pipeline, meets an API that ends or refuses its stream.</summary>
public sealed class LiveFeedTests : IDisposable
{
    private readonly PipelineProbe _probe = new(services => services.AddWebPipelines());
    private readonly Microsoft.Extensions.Hosting.Internal.ApplicationLifetime _lifetime = new(NullLogger<Microsoft.Extensions.Hosting.Internal.ApplicationLifetime>.Instance);

    public void Dispose() => _probe.Dispose();

    [Theory]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task A_refused_stream_stops_the_feed_instead_of_reconnecting(HttpStatusCode refusal)
    {
        var api = new ScriptedApi([Refused(refusal)]);
        await using var feed = Feed(api);

        feed.Start(null, () => Task.CompletedTask, _ => Task.CompletedTask);

        await _probe.CompleteAsync(new ValueTask(feed.Completion));
        Assert.Equal(1, api.Requests);
        Assert.Empty(_probe.Delays);
    }

    [Fact]
    public async Task A_stream_ended_for_an_access_change_is_asked_for_once_more_and_the_refusal_stops_the_feed()
    {
        var ended = $"event: {LiveEvents.Subscribed}\ndata: null\n\nevent: {LiveEvents.AccessChanged}\ndata: null\n\n";
        var api = new ScriptedApi([() => Stream(ended), Refused(HttpStatusCode.Forbidden)]);
        var subscribed = 0;
        await using var feed = Feed(api);

        feed.Start(null, () =>
        {
            subscribed++;
            return Task.CompletedTask;
        }, _ => Task.CompletedTask);

        await _probe.CompleteAsync(new ValueTask(feed.Completion));
        Assert.Equal(2, api.Requests);
        Assert.Equal(1, subscribed);
    }

    [Fact]
    public async Task An_interrupted_stream_is_asked_for_again_until_the_api_refuses_it()
    {
        var ended = $"event: {LiveEvents.Subscribed}\ndata: null\n\n";
        var api = new ScriptedApi([Refused(HttpStatusCode.InternalServerError), () => Stream(ended), Refused(HttpStatusCode.BadGateway),
            Refused(HttpStatusCode.NotFound)]);
        await using var feed = Feed(api);

        feed.Start(null, () => Task.CompletedTask, _ => Task.CompletedTask);

        await _probe.CompleteAsync(new ValueTask(feed.Completion));
        Assert.Equal(4, api.Requests);
        Assert.Equal(3, _probe.Delays.Count);
    }

    [Fact]
    public async Task A_page_that_fails_on_an_update_is_not_reconnected()
    {
        var update = JsonSerializer.Serialize(new LiveUpdate("VM-FM-1", Guid.NewGuid(), DateTimeOffset.UnixEpoch, null, null, null),
            new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var api = new ScriptedApi([() => Stream($"event: {LiveEvents.Update}\ndata: {update}\n\n")]);
        var feed = Feed(api);

        feed.Start(null, () => Task.CompletedTask, _ => throw new InvalidOperationException("the page is broken"));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => _probe.CompleteAsync(new ValueTask(feed.Completion)));
        Assert.Equal(1, api.Requests);
        Assert.Empty(_probe.Delays);
        // The page that disposes the feed hears of the failure too.
        Assert.Same(failure, await Assert.ThrowsAsync<InvalidOperationException>(() => feed.DisposeAsync().AsTask()));
    }

    [Fact]
    public async Task The_pause_before_asking_again_stays_about_two_seconds_however_often_the_stream_fails()
    {
        var api = new ScriptedApi([.. Enumerable.Repeat(Refused(HttpStatusCode.ServiceUnavailable), 30), Refused(HttpStatusCode.Forbidden)]);
        await using var feed = Feed(api);

        feed.Start(null, () => Task.CompletedTask, _ => Task.CompletedTask);

        await _probe.CompleteAsync(new ValueTask(feed.Completion));
        Assert.Equal(30, _probe.Delays.Count);
        Assert.All(_probe.Delays, delay => Assert.InRange(delay, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(2.5)));
    }

    [Fact]
    public async Task Stopping_the_app_ends_an_open_stream_so_the_app_can_stop()
    {
        // A stream the API keeps open: it ends only when its reader gives up.
        var open = new System.IO.Pipelines.Pipe();
        var api = new ScriptedApi([() => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(open.Reader.AsStream()) { Headers = { ContentType = new("text/event-stream") } },
        }]);
        await using var feed = Feed(api);
        feed.Start(null, () => Task.CompletedTask, _ => Task.CompletedTask);

        _lifetime.StopApplication();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => feed.Completion.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(1, api.Requests);
    }

    private LiveFeed Feed(ScriptedApi api)
    {
        var session = new UserSession(new SignedOut(), new SignInClient(new CognitoApiClient(new HttpClient()), TimeProvider.System),
            Options.Create(new CognitoOptions()), TimeProvider.System);
        var client = new LiveUpdatesClient(new HttpClient(api) { BaseAddress = new Uri("http://api") }, new ApiCaller(session, ResxText.For<ApiCaller>()));
        return new LiveFeed(client, _probe.Pipelines, _lifetime, NullLogger<LiveFeed>.Instance);
    }

    private static Func<HttpResponseMessage> Refused(HttpStatusCode status) => () => new HttpResponseMessage(status);

    private static HttpResponseMessage Stream(string events) =>
        new(HttpStatusCode.OK) { Content = new StringContent(events, Encoding.UTF8, "text/event-stream") };

    /// <summary>Answers each request with the next scripted response.</summary>
    private sealed class ScriptedApi(IReadOnlyList<Func<HttpResponseMessage>> responses) : HttpMessageHandler
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var index = Interlocked.Increment(ref _requests) - 1;
            Assert.True(index < responses.Count, $"request {index + 1} was not expected: the feed should have stopped");
            return Task.FromResult(responses[index]());
        }
    }

    private sealed class SignedOut : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(new ClaimsPrincipal()));
    }
}
