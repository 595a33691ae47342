using Microsoft.Extensions.DependencyInjection;
using Valmetal.AppHost.LocalStack;
using Valmetal.AppHost.Startup;
using Valmetal.DevicePki;
using Valmetal.BrokerClient;
using Valmetal.DeviceContract.DemoFleet;

namespace Valmetal.AppHost.Broker;

public static class MosquittoExtensions
{
    /// <summary>
    /// Runs mosquitto and sends it SIGHUP whenever the revocation list changes (the API rewrites it when an admin
    /// revokes a device), so a revoked certificate cannot open a new connection. TERM/INT stop mosquitto cleanly.
    /// </summary>
    private const string ReloadOnRevocation = """
        exec 2>&1
        mosquitto -c "$1" & broker=$!
        trap 'kill -TERM $broker; wait $broker; exit 0' TERM INT
        seen=$(cksum < "$2")
        while kill -0 $broker 2>/dev/null; do
          sleep 1
          now=$(cksum < "$2")
          if [ "$now" != "$seen" ]; then seen=$now; echo "revocation list changed: reloading"; kill -HUP $broker; fi
        done
        wait $broker
        """;

    /// <summary>Mosquitto (Debian package) as the local stand-in for AWS IoT Core, on a fixed TLS port.</summary>
    public static IResourceBuilder<ExecutableResource> AddMosquittoBroker(
        this IDistributedApplicationBuilder builder, LocalStackOptions options, LocalCertificateAuthority ca)
    {
        var folder = options.StatePath("mosquitto");
        var server = ca.EnsureServerCertificate("broker");
        ca.EnsureRevocationList();
        var configPath = MosquittoConfiguration.Write(folder, options.BrokerPort, ca.CaCertificatePath, ca.RevocationListPath, server, options.TelemetryReplicas);

        var probe = ca.EnsureClientCertificate("services", BrokerIdentities.HealthCheck);
        builder.Services.AddHealthChecks().AddCheck("broker-mqtt", new BrokerHealthCheck(new BrokerConnectionOptions
        {
            Port = options.BrokerPort,
            CaCertificatePath = ca.CaCertificatePath,
            CertificatePath = probe.CertificatePath,
            PrivateKeyPath = probe.PrivateKeyPath,
        }));

        return builder.AddExecutable("broker", "sh", folder, "-c", ReloadOnRevocation, "broker", configPath, ca.RevocationListPath)
            .WithRequiredProgram("mosquitto", "install Mosquitto with ./build.sh setup (apt-get install mosquitto)")
            .WithEndpoint(port: options.BrokerPort, targetPort: options.BrokerPort, scheme: "mqtts", name: "mqtts", isProxied: false)
            .WithHealthCheck("broker-mqtt");
    }

    /// <summary>Gives a .NET service its own broker identity (Broker__* settings read by BrokerConnectionOptions).</summary>
    public static IResourceBuilder<ProjectResource> WithBrokerIdentity(
        this IResourceBuilder<ProjectResource> project, LocalStackOptions options, LocalCertificateAuthority ca, string commonName)
    {
        var files = ca.EnsureClientCertificate("services", commonName);
        return project
            .WithEnvironment("Broker__Host", "127.0.0.1")
            .WithEnvironment("Broker__Port", options.BrokerPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("Broker__CaCertificatePath", ca.CaCertificatePath)
            .WithEnvironment("Broker__CertificatePath", files.CertificatePath)
            .WithEnvironment("Broker__PrivateKeyPath", files.PrivateKeyPath);
    }

    /// <summary>Issues a certificate for every device of the demo fleet, as IoT Core's CreateKeysAndCertificate would.</summary>
    public static string EnsureDemoFleetCertificates(this LocalCertificateAuthority ca)
    {
        string? folder = null;
        foreach (var device in Fleet.Equipment)
        {
            folder = Path.GetDirectoryName(ca.EnsureClientCertificate("devices", device.Thing).CertificatePath);
        }

        return folder!;
    }
}
