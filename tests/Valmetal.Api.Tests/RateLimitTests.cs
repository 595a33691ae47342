using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Valmetal.Api.Security;

namespace Valmetal.Api.Tests;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Exports_beyond_a_users_concurrent_slots_are_refused_while_other_users_still_export()
    {
        var gate = new TaskCompletionSource();
        var entered = new SemaphoreSlim(0);
        await using var app = await StartAsync(new() { ["RateLimits:Api:PerUserConcurrentExports"] = "2" }, ApiRateLimits.ExportPolicy, async () =>
        {
            entered.Release();
            await gate.Task;
        });
        using var alice = app.Client("alice");
        using var bob = app.Client("bob");
        var running = new[] { alice.GetAsync(new Uri("/guarded", UriKind.Relative)), alice.GetAsync(new Uri("/guarded", UriKind.Relative)) };
        Assert.True(await entered.WaitAsync(TimeSpan.FromSeconds(10)) && await entered.WaitAsync(TimeSpan.FromSeconds(10)), "both exports should be running");

        // Without the limit this request would wait for the gate: bounded, so the test fails instead of hanging.
        using var refused = await alice.GetAsync(new Uri("/guarded", UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(10));
        var others = bob.GetAsync(new Uri("/guarded", UriKind.Relative));
        Assert.True(await entered.WaitAsync(TimeSpan.FromSeconds(10)), "another user's export should run");

        await AssertTooManyAsync(refused);
        gate.SetResult();
        foreach (var response in await Task.WhenAll([.. running, others]))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            response.Dispose();
        }

        using var afterwards = await alice.GetAsync(new Uri("/guarded", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
    }

    [Fact]
    public async Task Every_request_of_a_user_spends_from_one_bucket_that_history_slots_do_not_bypass()
    {
        await using var app = await StartAsync(
            // The bucket fills continuously: at one token a second, four requests spread over more than a second all
            // pass. One token per 1,000 s keeps the count exact however slow the machine.
            new() { ["RateLimits:Api:PerUserBurst"] = "3", ["RateLimits:Api:PerUserPerSecond"] = "0.001" },
            ApiRateLimits.HistoryPolicy, () => Task.CompletedTask);
        using var alice = app.Client("alice");
        using var bob = app.Client("bob");

        for (var i = 0; i < 3; i++)
        {
            using var served = await alice.GetAsync(new Uri("/guarded", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        }

        // Without the limit this request would wait for the gate: bounded, so the test fails instead of hanging.
        using var refused = await alice.GetAsync(new Uri("/guarded", UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(10));
        await AssertTooManyAsync(refused);
        using var other = await bob.GetAsync(new Uri("/guarded", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Test_notifications_beyond_a_users_hourly_allowance_are_refused_while_other_users_still_send_them()
    {
        await using var app = await StartAsync(new() { ["RateLimits:Api:PerUserTestNotificationsPerHour"] = "2" },
            ApiRateLimits.TestNotificationPolicy, () => Task.CompletedTask);
        using var alice = app.Client("alice");
        using var bob = app.Client("bob");

        for (var i = 0; i < 2; i++)
        {
            using var sent = await alice.GetAsync(new Uri("/guarded", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        }

        using var refused = await alice.GetAsync(new Uri("/guarded", UriKind.Relative));
        await AssertTooManyAsync(refused);
        using var other = await bob.GetAsync(new Uri("/guarded", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Theory]
    [InlineData("PerUserTestNotificationsPerHour", "0")]
    [InlineData("PerUserBurst", "0")]
    [InlineData("PerUserPerSecond", "0")]
    [InlineData("PerUserConcurrentHistoryQueries", "0")]
    [InlineData("PerUserConcurrentExports", "-1")]
    public async Task Limits_out_of_range_stop_the_api_at_start(string name, string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            StartAsync(new() { [$"RateLimits:Api:{name}"] = value }, ApiRateLimits.ExportPolicy, () => Task.CompletedTask));

        Assert.Contains(name, string.Join(' ', error.Failures), StringComparison.Ordinal);
    }

    private static Task<WebApplication> StartAsync(Dictionary<string, string?> settings, string policy, Func<Task> handler) =>
        TestHost.StartAsync(settings, builder => builder.Services.AddApiRateLimits(builder.Configuration), app =>
        {
            app.UseAuthentication();
            app.UseAuthorization();
            app.UseRateLimiter();
            app.MapGet("/guarded", async () =>
            {
                await handler();
                return Results.Ok();
            }).RequireAuthorization().RequireRateLimiting(policy);
        });

    private static async Task AssertTooManyAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After should say when to come back");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
    }
}
