using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Valmetal.Api.Security;

namespace Valmetal.Api.Tests;

public sealed class LoadSheddingTests
{
    [Fact]
    public async Task A_replica_serving_and_queuing_all_it_can_answers_503_at_once_and_still_serves_long_lived_requests()
    {
        var gate = new TaskCompletionSource();
        var entered = new SemaphoreSlim(0);
        await using var app = await StartAsync(new()
        {
            ["RateLimits:Api:ReplicaConcurrentRequests"] = "1",
            ["RateLimits:Api:ReplicaQueuedRequests"] = "1",
        }, async () =>
        {
            entered.Release();
            await gate.Task;
        });
        using var alice = app.Client("alice");
        using var bob = app.Client("bob");

        var served = alice.GetAsync(new Uri("/api/work", UriKind.Relative));
        Assert.True(await entered.WaitAsync(TimeSpan.FromSeconds(10)), "the first request should be served");
        // The queue's one place is taken here rather than by a second request, whose arrival in the queue could only be
        // polled for: the limiter queues an acquisition it cannot grant before returning it.
        var limiter = app.Services.GetRequiredService<ReplicaLoadShedding.ReplicaCapacity>().Limiter;
        var queued = limiter.AcquireAsync(1);
        Assert.False(queued.IsCompleted, "the place should be queued behind the request being served");
        Assert.Equal(1, limiter.GetStatistics()!.CurrentQueuedCount);
        // Without the limit this request would wait for the gate: bounded, so the test fails instead of hanging.
        using (var shed = await bob.GetAsync(new Uri("/api/work", UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(10)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, shed.StatusCode);
            Assert.Equal("application/problem+json", shed.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(1), shed.Headers.RetryAfter?.Delta);
            using var problem = JsonDocument.Parse(await shed.Content.ReadAsStringAsync());
            Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
        }

        using var stream = await bob.GetAsync(new Uri("/api/stream", UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        using var health = await bob.GetAsync(new Uri("/health", UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        gate.SetResult();
        using var first = await served;
        using var second = await queued.AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(second.IsAcquired, "the queued place should be served once the request before it finished");
    }

    [Theory]
    [InlineData("ReplicaConcurrentRequests", "0")]
    [InlineData("ReplicaQueuedRequests", "-1")]
    public async Task Capacities_out_of_range_stop_the_api_at_start(string name, string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            StartAsync(new() { [$"RateLimits:Api:{name}"] = value }, () => Task.CompletedTask));

        Assert.Contains(name, string.Join(' ', error.Failures), StringComparison.Ordinal);
    }

    private static Task<WebApplication> StartAsync(Dictionary<string, string?> settings, Func<Task> handler) =>
        TestHost.StartAsync(settings, builder => builder.Services.AddApiRateLimits(builder.Configuration).AddReplicaLoadShedding(), app =>
        {
            app.UseReplicaLoadShedding();
            app.UseAuthentication();
            app.UseAuthorization();
            app.MapGet("/health", () => Results.Ok());
            var api = app.MapGroup("api").SharesReplicaCapacity().RequireAuthorization();
            api.MapGet("/work", async () =>
            {
                await handler();
                return Results.Ok();
            });
            api.MapGet("/stream", () => Results.Ok()).LongLived();
        });
}
