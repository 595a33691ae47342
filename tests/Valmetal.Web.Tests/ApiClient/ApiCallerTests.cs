using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Valmetal.Api.Contracts;
using Valmetal.Identity;
using Valmetal.Web.Account;
using Valmetal.Web.ApiClient;
using Valmetal.Web.Tests.Hosting;

namespace Valmetal.Web.Tests.ApiClient;

/// <summary>
/// One convention for every call: the API's answer comes back as a result, the value with its ETag or the refusal the
/// API worded; a caller that can show nothing for a refusal other than 404 turns it into an exception itself.
/// </summary>
public sealed class ApiCallerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_value_comes_back_with_the_etag_that_versions_it()
    {
        var result = await CallAsync<FarmRef>(() => Json(HttpStatusCode.OK, """{"id":"6f9619ff-8b86-d011-b42d-00cf4fc964ff","name":"Ferme"}""", etag: "\"42\""));

        Assert.True(result.Ok);
        Assert.Equal(new FarmRef(Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff"), "Ferme"), result.Value);
        Assert.Equal("\"42\"", result.ETag);
    }

    [Theory]
    [InlineData(HttpStatusCode.NoContent)]
    [InlineData(HttpStatusCode.Accepted)]
    public async Task An_answer_without_a_body_is_a_success_without_a_value(HttpStatusCode status)
    {
        var result = await CallAsync<object>(() => new HttpResponseMessage(status) { Content = new ByteArrayContent([]) });

        Assert.True(result.Ok);
        Assert.Null(result.Value);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Conflict)]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    public async Task A_refusal_comes_back_as_the_problem_the_api_worded(HttpStatusCode status)
    {
        var result = await CallAsync<FarmRef>(() => Json(status, """{"title":"Refused","detail":"Someone changed it."}"""));

        Assert.False(result.Ok);
        Assert.Null(result.Value);
        Assert.Equal((int)status, result.Problem!.Status);
        Assert.Equal("Refused", result.Problem.Title);
        Assert.Equal("Someone changed it.", result.Problem.Message);
    }

    [Fact]
    public async Task A_validation_problem_names_each_field_it_refused()
    {
        var result = await CallAsync<FarmRef>(() => Json(HttpStatusCode.BadRequest,
            """{"title":"Invalid","errors":{"name":["Required."],"timeZone":["Unknown.","Too long."]}}"""));

        Assert.Equal(400, result.Problem!.Status);
        Assert.Equal(["Unknown.", "Too long."], result.Problem.Errors["timeZone"]);
        Assert.Equal("name: Required.. timeZone: Unknown., Too long..", result.Problem.Message);
    }

    [Fact]
    public async Task A_refusal_that_is_not_json_keeps_its_status_and_reason()
    {
        var result = await CallAsync<FarmRef>(() => new HttpResponseMessage(HttpStatusCode.BadGateway)
        {
            ReasonPhrase = "Bad Gateway", Content = new StringContent("<html>upstream down</html>", Encoding.UTF8, "text/html"),
        });

        Assert.Equal(502, result.Problem!.Status);
        Assert.Equal("Bad Gateway", result.Problem.Title);
    }

    [Fact]
    public async Task Found_is_the_value_or_nothing_for_404()
    {
        var found = await CallAsync<FarmRef>(() => Json(HttpStatusCode.OK, """{"id":"6f9619ff-8b86-d011-b42d-00cf4fc964ff","name":"Ferme"}"""));
        var missing = await CallAsync<FarmRef>(() => Json(HttpStatusCode.NotFound, """{"title":"Not Found"}"""));

        Assert.Equal("Ferme", found.Found()!.Name);
        Assert.Null(missing.Found());
    }

    [Fact]
    public async Task Found_throws_any_other_refusal_with_its_status()
    {
        var result = await CallAsync<FarmRef>(() => Json(HttpStatusCode.Forbidden, """{"title":"Forbidden","detail":"Admins only."}"""));

        var failure = Assert.Throws<HttpRequestException>(() => { _ = result.Found(); });

        Assert.Equal(HttpStatusCode.Forbidden, failure.StatusCode);
        Assert.Equal("Admins only.", failure.Message);
    }

    [Fact]
    public async Task A_request_is_made_for_the_signed_in_user()
    {
        var tokens = new TokenSet("access-token", string.Empty, "refresh-token", Now.AddHours(1));
        var caller = Caller(SessionClaims.WithTokens(new ClaimsPrincipal(), tokens));
        using var request = caller.Request(HttpMethod.Put, "api/me/language", new LanguageRequest("fr-CA"), ifMatch: "\"7\"");
        using var invoker = new HttpMessageInvoker(new ApiBearerHandler { InnerHandler = new Answer(() => new HttpResponseMessage(HttpStatusCode.NoContent)) });

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        Assert.Equal("Bearer access-token", request.Headers.Authorization?.ToString());
        Assert.Equal(["\"7\""], request.Headers.GetValues("If-Match"));
        Assert.Equal("""{"language":"fr-CA"}""", await request.Content!.ReadAsStringAsync());
    }

    private static async Task<ApiResult<T>> CallAsync<T>(Func<HttpResponseMessage> answer)
    {
        using var http = new HttpClient(new ApiBearerHandler { InnerHandler = new Answer(answer) }) { BaseAddress = new Uri("http://api.test") };
        return await Caller(new ClaimsPrincipal()).SendAsync<T>(http, HttpMethod.Get, "api/anything", null, null, CancellationToken.None);
    }

    private static ApiCaller Caller(ClaimsPrincipal user)
    {
        var session = new UserSession(new SignedIn(user), new SignInClient(new CognitoApiClient(new HttpClient()), TimeProvider.System),
            Options.Create(new CognitoOptions()), new FakeTimeProvider(Now));
        return new ApiCaller(session, ResxText.For<ApiCaller>());
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body, string? etag = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (etag is not null)
        {
            response.Headers.ETag = new System.Net.Http.Headers.EntityTagHeaderValue(etag);
        }

        return response;
    }

    private sealed class Answer(Func<HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromResult(answer());
    }

    private sealed class SignedIn(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
