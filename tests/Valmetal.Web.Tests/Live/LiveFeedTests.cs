using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Valmetal.DeviceContract.Messages;
using Valmetal.Identity;
using Valmetal.Web.Account;
using Valmetal.Web.ApiClient;
using Valmetal.Web.Components.Live;
using Valmetal.Web.Tests.Hosting;

namespace Valmetal.Web.Tests.Live;

/// <summary>How a page's live feed meets an API that ends or refuses its stream.</summary>
public sealed class LiveFeedTests
{
    [Theory]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task A_refused_stream_stops_the_feed_instead_of_reconnecting(HttpStatusCode refusal)
    {
        var api = new ScriptedApi([Refused(refusal)]);
        await using var feed = Feed(api);

        feed.Start(null, () => Task.CompletedTask, _ => Task.CompletedTask);

        await feed.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, api.Requests);
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

        await feed.Completion.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(2, api.Requests);
        Assert.Equal(1, subscribed);
    }

    private static LiveFeed Feed(ScriptedApi api)
    {
        var session = new UserSession(new SignedOut(), new SignInClient(new CognitoApiClient(new HttpClient()), TimeProvider.System),
            Options.Create(new CognitoOptions()), TimeProvider.System);
        var client = new LiveUpdatesClient(new HttpClient(api) { BaseAddress = new Uri("http://api") }, new ApiCaller(session, ResxText.For<ApiCaller>()));
        return new LiveFeed(client, NullLogger<LiveFeed>.Instance);
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
