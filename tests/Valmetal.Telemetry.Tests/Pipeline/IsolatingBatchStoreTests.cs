using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Valmetal.Telemetry.Pipeline;
using static Valmetal.Telemetry.Tests.Pipeline.RefusingDatabase;
using static Valmetal.Telemetry.Tests.Validation.ValidatorFixture;

namespace Valmetal.Telemetry.Tests.Pipeline;

public sealed class IsolatingBatchStoreTests
{
    [Fact]
    public async Task Messages_the_database_refuses_are_quarantined_alone_and_the_rest_of_the_batch_is_stored()
    {
        var database = new RefusingDatabase();
        var items = Enumerable.Range(0, 100).Select(i => Item(i, i is 17 or 60 ? Poison : "motor_temp_c")).ToList();

        var stored = await database.Isolating(out _).StoreAsync(items, CancellationToken.None);

        Assert.Equal(98, stored.Items.Count);
        Assert.DoesNotContain(stored.Items, i => i.Points[0].Metric == Poison);
        Assert.Equal(98, database.Points.Count);
        Assert.Equal(["seq-17", "seq-60"], stored.Quarantined.Select(r => r.Topic).Order());
        Assert.All(stored.Quarantined, r => Assert.Equal("store_refused", r.Reason));
        Assert.All(stored.Quarantined, r => Assert.Contains("22021", r.Detail));
        Assert.Equal(stored.Quarantined, database.Rejections);
    }

    [Fact]
    public async Task A_database_that_cannot_be_reached_is_retried_with_the_whole_batch_and_nothing_is_quarantined()
    {
        var database = new RefusingDatabase { Unreachable = 2 };
        var items = Enumerable.Range(0, 10).Select(i => Item(i, "motor_temp_c")).ToList();

        var stored = await database.Isolating(out var health).StoreAsync(items, CancellationToken.None);

        Assert.Equal(10, stored.Items.Count);
        Assert.Empty(stored.Quarantined);
        Assert.Equal(3, database.Attempts);
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(new HealthCheckContext())).Status);
    }

    [Fact]
    public async Task A_store_failing_longer_than_the_bound_makes_the_replica_unready_until_it_succeeds()
    {
        var clock = new SteppingClock();
        var health = new PipelineHealth(clock, Options);

        health.Failing(StoreRetries.PostgresStore, new NpgsqlException("connection refused"));
        clock.Advance(Options.Value.UnhealthyAfter - TimeSpan.FromSeconds(1));
        var early = await health.CheckHealthAsync(new HealthCheckContext());
        clock.Advance(TimeSpan.FromSeconds(1));
        health.Failing(StoreRetries.PostgresStore, new NpgsqlException("connection refused"));
        var late = await health.CheckHealthAsync(new HealthCheckContext());
        health.Succeeded(StoreRetries.PostgresStore);
        var recovered = await health.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, early.Status);
        Assert.Equal(HealthStatus.Unhealthy, late.Status);
        Assert.Contains("postgres failing for 30 s", late.Description);
        Assert.Equal(HealthStatus.Healthy, recovered.Status);
    }

    private sealed class SteppingClock : TimeProvider
    {
        private DateTimeOffset _now = Now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
