using System.Net;
using System.Text.Json;

namespace Valmetal.EndToEnd.Tests.Api;

/// <summary>The API's per-user token bucket (RateLimits:Api, defaults: a burst of 200, then 50 a second).</summary>
[Collection(PlatformCollection.Name)]
public sealed class RateLimitTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_user_over_the_limit_gets_429_with_retry_after_while_other_users_are_served()
    {
        using var busy = await platform.CreateApiClientAsync(DemoUsers.FarmerErables);
        using var other = await platform.CreateApiClientAsync(DemoUsers.Technician);

        // Bounded: at most 2,000 requests, 32 at a time, to this machine's API only.
        HttpResponseMessage? refused = null;
        for (var round = 0; round < 2_000 / 32 && refused is null; round++)
        {
            var responses = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => busy.GetAsync(new Uri("api/farms", UriKind.Relative))));
            refused = responses.FirstOrDefault(r => r.StatusCode == HttpStatusCode.TooManyRequests);
            foreach (var response in responses.Where(r => r != refused))
            {
                response.Dispose();
            }
        }

        Assert.NotNull(refused);
        using (refused)
        {
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
            Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
            var retryAfter = refused.Headers.RetryAfter?.Delta;
            Assert.NotNull(retryAfter);
            Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));

            using (var served = await other.GetAsync(new Uri("api/farms", UriKind.Relative)))
            {
                Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            }

            // Retry-After is honest: once it has passed, the same user is served again.
            await Task.Delay(retryAfter.Value);
            using var again = await busy.GetAsync(new Uri("api/farms", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }
    }
}
