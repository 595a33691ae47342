using Valmetal.BrokerClient;

namespace Valmetal.DeviceSimulator;

/// <summary>A demo device's identity: the simulator's broker settings with the device's own certificate and key.</summary>
public static class DeviceIdentity
{
    public static BrokerConnectionOptions For(BrokerConnectionOptions broker, SimulatorOptions options, string thing) => new()
    {
        Host = broker.Host,
        Port = broker.Port,
        CaCertificatePath = broker.CaCertificatePath,
        CaCertificatePem = broker.CaCertificatePem,
        CertificatePath = Path.Combine(options.CertificatesFolder, thing + ".crt"),
        PrivateKeyPath = Path.Combine(options.CertificatesFolder, thing + ".key"),
        SocketBufferBytes = BrokerConnectionOptions.DeviceSocketBufferBytes,
    };
}
