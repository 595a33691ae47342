using System.Net;
using System.Net.Sockets;
using Valmetal.LocalPostgres;
using Valmetal.AppHost.Startup;

namespace Valmetal.EndToEnd.Tests.Startup;

/// <summary>
/// A start that cannot succeed ends within a minute with one last line: what failed, why, and what to do, and a
/// non-zero exit code. The AppHost runs as its own process, as <c>./build.sh run</c> starts it.
/// </summary>
public sealed class StartFailureTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private readonly string _state = Path.Combine(Path.GetTempPath(), "valmetal-start-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task A_port_in_use_stops_the_run_before_anything_starts_with_a_line_naming_the_resource_and_the_fix()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        var exit = await AppHostProcess.RunUntilExitAsync(
            LocalStackArguments.For(_state, new Dictionary<string, int> { ["DynamoDbPort"] = port }), Limit);

        Assert.True(exit.ExitCode == 1, exit.ToString());
        Assert.StartsWith(StartFailure.Prefix + " dynamodb cannot start", exit.LastLine, StringComparison.Ordinal);
        Assert.Contains($"port {port} is already in use", exit.LastLine, StringComparison.Ordinal);
        Assert.Contains($"--LocalStack:DynamoDbPort=PORT", exit.LastLine, StringComparison.Ordinal);
        // Refused before the orchestrator started anything: no resource's output in the run's.
        Assert.DoesNotContain(exit.Output, l => l.Contains("Distributed application started", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ports_held_by_an_earlier_run_are_named_in_one_line()
    {
        using var api = new TcpListener(IPAddress.Loopback, 0);
        using var web = new TcpListener(IPAddress.Loopback, 0);
        api.Start();
        web.Start();
        var (apiPort, webPort) = (((IPEndPoint)api.LocalEndpoint).Port, ((IPEndPoint)web.LocalEndpoint).Port);

        var exit = await AppHostProcess.RunUntilExitAsync(
            LocalStackArguments.For(_state, new Dictionary<string, int> { ["ApiPort"] = apiPort, ["WebPort"] = webPort }), Limit);

        Assert.True(exit.ExitCode == 1, exit.ToString());
        var failures = exit.Output.Where(l => l.StartsWith(StartFailure.Prefix, StringComparison.Ordinal)).ToList();
        var line = Assert.Single(failures);
        // Both are the gateway's: the load balancers' ports, web first as the AppHost declares them.
        Assert.StartsWith($"{StartFailure.Prefix} gateway cannot start: ports {webPort}, {apiPort} are already in use", line, StringComparison.Ordinal);
        Assert.Contains("--LocalStack:WebPort=PORT --LocalStack:ApiPort=PORT", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_initdb_stops_the_run_within_a_minute_with_its_error_and_exit_code_1()
    {
        // initdb refuses a data folder that holds anything but a cluster.
        var cluster = PostgresDataDirectory.For(_state);
        Directory.CreateDirectory(cluster);
        await File.WriteAllTextAsync(Path.Combine(cluster, "stray.txt"), "not a cluster");

        var exit = await AppHostProcess.RunUntilExitAsync(LocalStackArguments.For(_state), Limit);

        Assert.True(exit.ExitCode == 1, exit.ToString());
        Assert.StartsWith(StartFailure.Prefix + " postgres-init exited with code 1 before it was ready", exit.LastLine, StringComparison.Ordinal);
        Assert.Contains("initdb: error: directory", exit.LastLine, StringComparison.Ordinal);
        Assert.Contains("What to do:", exit.LastLine, StringComparison.Ordinal);
        Assert.InRange(exit.Elapsed, TimeSpan.Zero, Limit);
    }

    public void Dispose()
    {
        StateFolderUsers.WaitUntilGone(_state, TimeSpan.FromSeconds(30));
        PostgresDataDirectory.DeleteOutside(_state);
        if (Directory.Exists(_state))
        {
            Directory.Delete(_state, recursive: true);
        }
    }
}
