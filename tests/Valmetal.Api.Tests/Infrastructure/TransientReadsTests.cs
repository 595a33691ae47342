using System.Data;
using Npgsql;
using Valmetal.Api.Infrastructure;
using Valmetal.TestSupport;

namespace Valmetal.Api.Tests.Infrastructure;

/// <summary>The read pipeline as <see cref="ApiPipelines"/> registers it: what it runs again, how often, after how long.</summary>
public sealed class TransientReadsTests : IDisposable
{
    private readonly PipelineProbe _probe = new(services => services.AddApiPipelines());

    public void Dispose() => _probe.Dispose();

    public static TheoryData<string> Dropped => ["connection reset", "database starting up"];

    public static TheoryData<string> Final => ["undefined table", "statement timeout", "client timeout"];

    [Theory]
    [MemberData(nameof(Dropped))]
    public async Task A_read_on_a_dropped_connection_runs_again_until_it_succeeds(string failure)
    {
        var attempts = 0;

        var read = await _probe.CompleteAsync(_probe.Pipeline(ApiPipelines.TransientReads).ExecuteAsync(_ =>
            ++attempts < 3 ? throw Failure(failure) : ValueTask.FromResult("rows")));

        Assert.Equal("rows", read);
        Assert.Equal(3, attempts);
    }

    [Theory]
    [MemberData(nameof(Final))]
    public async Task A_failure_a_second_run_would_not_cure_is_not_run_again(string failure)
    {
        var attempts = 0;

        var thrown = await Assert.ThrowsAnyAsync<NpgsqlException>(() => _probe.CompleteAsync(_probe.Pipeline(ApiPipelines.TransientReads).ExecuteAsync(_ =>
        {
            attempts++;
            return ValueTask.FromException<string>(Failure(failure));
        })));

        Assert.Equal(1, attempts);
        Assert.Empty(_probe.Delays);
        Assert.Equal(failure != "undefined table", QueryTimeoutExceptionHandler.IsQueryTimeout(thrown));
    }

    [Fact]
    public async Task A_read_its_caller_gave_up_is_not_run_again()
    {
        using var caller = new CancellationTokenSource();
        var attempts = 0;

        await Assert.ThrowsAsync<NpgsqlException>(() => _probe.CompleteAsync(_probe.Pipeline(ApiPipelines.TransientReads).ExecuteAsync(_ =>
        {
            attempts++;
            caller.Cancel();
            return ValueTask.FromException<string>(Failure("connection reset"));
        }, caller.Token)));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Pauses_grow_from_50_ms_to_2_s_and_the_fourth_failure_is_the_answer()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<NpgsqlException>(() => _probe.CompleteAsync(_probe.Pipeline(ApiPipelines.TransientReads).ExecuteAsync(_ =>
        {
            attempts++;
            return ValueTask.FromException<string>(Failure("connection reset"));
        })));

        Assert.Equal(4, attempts);
        Assert.Equal([TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2)], _probe.Delays);
    }

    [Fact]
    public async Task A_timed_read_of_a_database_that_refuses_connections_goes_through_the_pipeline()
    {
        var port = PipelineProbe.RefusingPort();
        await using var dataSource = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={port};Username=nobody;Timeout=5");
        await using var command = new NpgsqlCommand("select 1");

        await Assert.ThrowsAnyAsync<NpgsqlException>(() => _probe.CompleteAsync(new ValueTask<TimedRead>(TimedRead.ExecuteAsync(
            _probe.Pipelines, dataSource, command,
            TimeSpan.FromSeconds(1), CommandBehavior.Default, CancellationToken.None))));

        Assert.Equal(3, _probe.Delays.Count);
    }

    private static NpgsqlException Failure(string kind) => kind switch
    {
        "connection reset" => new NpgsqlException("Exception while reading from stream", new IOException("Connection reset by peer")),
        "database starting up" => new PostgresException("the database system is starting up", "FATAL", "FATAL", PostgresErrorCodes.CannotConnectNow),
        "undefined table" => new PostgresException("relation does not exist", "ERROR", "ERROR", PostgresErrorCodes.UndefinedTable),
        "statement timeout" => new PostgresException("canceling statement due to statement timeout", "ERROR", "ERROR", PostgresErrorCodes.QueryCanceled),
        "client timeout" => new NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt")),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
