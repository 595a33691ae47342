using Microsoft.Extensions.Options;
using Valmetal.BrokerClient;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.DeviceSimulator.Devices;

namespace Valmetal.DeviceSimulator;

/// <summary>Brings the first N devices of the demo fleet online, each with its own certificate.</summary>
public sealed class SimulatorService(
    IOptions<SimulatorOptions> options,
    IOptions<BrokerConnectionOptions> broker,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly List<SimulatedDevice> _devices = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var logger = loggers.CreateLogger<SimulatedDevice>();
        foreach (var equipment in Fleet.Equipment.Take(options.Value.Devices))
        {
            var identity = new BrokerConnectionOptions
            {
                Host = broker.Value.Host,
                Port = broker.Value.Port,
                CaCertificatePath = broker.Value.CaCertificatePath,
                CertificatePath = Path.Combine(options.Value.CertificatesFolder, equipment.Thing + ".crt"),
                PrivateKeyPath = Path.Combine(options.Value.CertificatesFolder, equipment.Thing + ".key"),
            };
            _devices.Add(new SimulatedDevice(equipment, identity, options.Value.Interval, logger));
        }

        // Staggered so 25 devices do not publish in the same millisecond, as real barns would not.
        var stagger = options.Value.Interval / Math.Max(1, _devices.Count);
        var running = new List<Task>();
        foreach (var device in _devices)
        {
            running.Add(device.RunAsync(stoppingToken));
            await Task.Delay(stagger, stoppingToken);
        }

        await Task.WhenAll(running);
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
}
