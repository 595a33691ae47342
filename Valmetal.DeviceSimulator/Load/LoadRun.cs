using Valmetal.BrokerClient;
using Valmetal.DeviceContract.DemoFleet;

namespace Valmetal.DeviceSimulator.Load;

/// <summary>
/// Load mode: LoadDevices connections at LoadRatePerDevice each, with the achieved rate in the log every 10 s.
/// A quick way to make the dashboards busy; the measured benchmark is bench/Valmetal.Bench.
/// </summary>
public sealed partial class LoadRun
{
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(10);

    public static async Task RunAsync(BrokerConnectionOptions broker, SimulatorOptions options, ILogger<LoadRun> logger, CancellationToken ct)
    {
        var connections = Fleet.Equipment.Take(options.LoadDevices)
            .Select(e => new LoadConnection(e, DeviceIdentity.For(broker, options, e.Thing), options.LoadRatePerDevice, logger))
            .ToList();
        LogStarting(logger, connections.Count, options.LoadRatePerDevice, connections.Count * options.LoadRatePerDevice);
        var running = connections.Select(c => c.RunAsync(ct)).ToList();
        running.Add(ReportAsync(connections, options.LoadRatePerDevice * connections.Count, logger, ct));
        await Task.WhenAll(running);
    }

    private static async Task ReportAsync(List<LoadConnection> connections, double target, ILogger logger, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(ReportEvery);
        long before = 0;
        var since = DateTimeOffset.UtcNow;
        while (await timer.WaitForNextTickAsync(ct))
        {
            var now = DateTimeOffset.UtcNow;
            var total = connections.Sum(c => c.Published);
            LogRate(logger, (total - before) / (now - since).TotalSeconds, target, total);
            (before, since) = (total, now);
        }
    }

    [LoggerMessage(LogLevel.Information, "Load mode: {Connections} connections × {Rate}/s = {Target}/s target, three metrics per message")]
    private static partial void LogStarting(ILogger logger, int connections, double rate, double target);

    [LoggerMessage(LogLevel.Information, "Load mode: achieved {Achieved:F1} messages/s of {Target}/s target ({Total} acknowledged in all)")]
    private static partial void LogRate(ILogger logger, double achieved, double target, long total);
}
