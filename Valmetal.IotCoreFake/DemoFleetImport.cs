using Microsoft.Extensions.Options;
using Valmetal.DeviceContract.Catalogue;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.IotCoreFake.Registry;

namespace Valmetal.IotCoreFake;

/// <summary>
/// Local seed: the demo fleet's certificates, which the AppHost made before anything ran, become things with their
/// certificate attached and the device policy on it, as a provisioning run would leave them in IoT Core.
/// </summary>
public static class DemoFleetImport
{
    public static void Run(IotRegistry registry, IotFakeOptions options)
    {
        if (options.DemoCertificatesFolder.Length == 0)
        {
            return;
        }

        foreach (var device in Fleet.Equipment)
        {
            var path = Path.Combine(options.DemoCertificatesFolder, device.Thing + ".crt");
            if (File.Exists(path))
            {
                registry.Import(device.Thing, ThingTypes.Name(options.ThingTypePrefix, Fleet.ModelOf(device).Kind), File.ReadAllText(path), options.Policies[0]);
            }
        }
    }
}
