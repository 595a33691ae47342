using Microsoft.Extensions.Options;
using Valmetal.BrokerClient;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.DeviceSimulator.Devices;
using Valmetal.DeviceSimulator.Load;

namespace Valmetal.DeviceSimulator;

/// <summary>
/// Brings the first N devices of the demo fleet online, each with its own certificate; or, in load mode, drives
/// LoadDevices connections at a fixed rate instead (the same identities cannot connect twice).
/// </summary>
public sealed partial class SimulatorService(
    IOptions<SimulatorOptions> options,
    IOptions<BrokerConnectionOptions> broker,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly List<SimulatedDevice> _devices = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.LoadDevices > 0)
        {
            await LoadRun.RunAsync(broker.Value, settings, loggers.CreateLogger<LoadRun>(), stoppingToken);
            return;
        }

        var logger = loggers.CreateLogger<SimulatedDevice>();
        var running = Fleet.Equipment.Take(settings.Devices).ToList();
        // The last devices misbehave, so the first ones (what the dashboards and tests look at first) stay clean.
        var misbehaving = running.TakeLast(settings.Misbehaving).Select(e => e.Thing).ToHashSet();
        foreach (var (equipment, index) in running.Select((e, i) => (e, i)))
        {
            var victim = misbehaving.Contains(equipment.Thing) ? Fleet.Equipment[(index + 1) % Fleet.Equipment.Count] : null;
            _devices.Add(new SimulatedDevice(equipment, DeviceIdentity.For(broker.Value, settings, equipment.Thing), settings, victim, logger));
        }

        // Staggered so 25 devices do not publish in the same millisecond, as real barns would not.
        var stagger = settings.Interval / Math.Max(1, _devices.Count);
        var tasks = new List<Task>();
        foreach (var device in _devices)
        {
            tasks.Add(RunLoggedAsync(device, logger, stoppingToken));
            await Task.Delay(stagger, stoppingToken);
        }

        await Task.WhenAll(tasks);
    }

    /// <summary>A device whose loop ends early says so at once: Task.WhenAll would only tell when every device had stopped.</summary>
    private static async Task RunLoggedAsync(SimulatedDevice device, ILogger logger, CancellationToken ct)
    {
        try
        {
            await device.RunAsync(ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            LogDeviceStopped(logger, ex, device.Thing);
            throw;
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        foreach (var device in _devices)
        {
            await device.StopAsync(cancellationToken);
            device.Dispose();
        }
    }

    [LoggerMessage(LogLevel.Critical, "{Thing} stopped: its loop failed and it publishes nothing more until the simulator restarts")]
    private static partial void LogDeviceStopped(ILogger logger, Exception ex, string thing);
}
