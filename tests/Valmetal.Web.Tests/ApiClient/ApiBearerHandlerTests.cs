using System.Net;
using System.Net.Http.Headers;
using Valmetal.Web.ApiClient;

namespace Valmetal.Web.Tests.ApiClient;

/// <summary>One handler says who a call to the API is for; a call made for no one carries no token.</summary>
public sealed class ApiBearerHandlerTests
{
    [Fact]
    public async Task A_call_for_a_user_carries_their_token_once_whatever_was_set_before()
    {
        using var request = ApiBearerHandler.For(new HttpRequestMessage(HttpMethod.Get, "http://api.test/api/me"), "user-token");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "stale");

        var sent = await SendAsync(request);

        Assert.Equal(["Bearer user-token"], sent.GetValues("Authorization"));
    }

    [Fact]
    public async Task A_call_made_for_no_one_goes_without_the_header()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://api.test/api/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "set-by-a-client");

        var sent = await SendAsync(request);

        Assert.False(sent.Contains("Authorization"));
    }

    [Fact]
    public async Task A_user_without_a_token_goes_without_the_header()
    {
        using var request = ApiBearerHandler.For(new HttpRequestMessage(HttpMethod.Get, "http://api.test/api/me"), _ => Task.FromResult<string?>(null));

        var sent = await SendAsync(request);

        Assert.False(sent.Contains("Authorization"));
    }

    [Fact]
    public async Task The_token_is_read_when_the_call_leaves_not_when_it_is_made()
    {
        var token = "before";
        using var request = ApiBearerHandler.For(new HttpRequestMessage(HttpMethod.Get, "http://api.test/api/me"), _ => Task.FromResult<string?>(token));
        token = "refreshed";

        var sent = await SendAsync(request);

        Assert.Equal(["Bearer refreshed"], sent.GetValues("Authorization"));
    }

    private static async Task<HttpRequestHeaders> SendAsync(HttpRequestMessage request)
    {
        using var invoker = new HttpMessageInvoker(new ApiBearerHandler { InnerHandler = new Answer() });
        using var response = await invoker.SendAsync(request, CancellationToken.None);
        return request.Headers;
    }

    private sealed class Answer : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));
    }
}
