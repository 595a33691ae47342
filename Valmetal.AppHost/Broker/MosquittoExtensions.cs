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
    /// Runs mosquitto and sends it SIGHUP whenever the revocation list changes (the device registry, the IoT fake,
    /// rewrites it when an admin revokes a device), so a revoked certificate cannot open a new connection. TERM/INT stop
    /// mosquitto cleanly. Every device connection is a file descriptor, so the soft limit is raised to 65,536 (as root)
    /// or to the hard limit. The broker's queue is unbounded (MosquittoConfiguration), so its resident memory is
    /// watched: past the alarm threshold a warning goes to its log, once per crossing.
    /// </summary>
    private const string ReloadOnRevocation = """
        exec 2>&1
        ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
        echo "file descriptor limit: $(ulimit -n)"
        mosquitto -c "$1" & broker=$!
        trap 'kill -TERM $broker; wait $broker; exit 0' TERM INT
        seen=$(cksum < "$2")
        alarmed=0
        while kill -0 $broker 2>/dev/null; do
          sleep 1
          now=$(cksum < "$2")
          if [ "$now" != "$seen" ]; then seen=$now; echo "revocation list changed: reloading"; kill -HUP $broker; fi
          rss=$(awk '/^VmRSS/ { print $2 }' /proc/$broker/status 2>/dev/null)
          if [ "${rss:-0}" -gt "$3" ] && [ $alarmed = 0 ]; then
            alarmed=1; echo "WARNING: broker memory $((rss / 1024)) MB is over $(($3 / 1024)) MB: undelivered messages are queuing (docs/decisions.md, Overload without loss)"
          elif [ "${rss:-0}" -le "$3" ]; then alarmed=0; fi
        done
        wait $broker
        """;

    /// <summary>
    /// Resident memory past which the broker's log warns. About 1.6 million queued telemetry messages at the measured
    /// cost per message (docs/decisions.md), far above the few thousand a healthy pipeline holds.
    /// </summary>
    public const int MemoryAlarmMegabytes = 1024;

    /// <summary>
    /// Mosquitto (Debian package) as the local stand-in for AWS IoT Core, on two fixed TLS ports: one for devices,
    /// whose certificates come from <paramref name="ca"/>, and one for the backend services, whose certificates come
    /// from <paramref name="serviceCa"/>.
    /// </summary>
    public static IResourceBuilder<ExecutableResource> AddMosquittoBroker(
        this IDistributedApplicationBuilder builder, LocalStackOptions options, LocalCertificateAuthority ca, LocalCertificateAuthority serviceCa)
    {
        var folder = options.StatePath("mosquitto");
        var server = ca.EnsureServerCertificate("broker");
        ca.EnsureRevocationList();
        var configPath = MosquittoConfiguration.Write(folder, options.BrokerPort, options.ServiceBrokerPort,
            new MosquittoConfiguration.Certificates(ca.CaCertificatePath, serviceCa.CaCertificatePath, ca.RevocationListPath, server));

        var probe = serviceCa.EnsureClientCertificate("services", BrokerIdentities.HealthCheck);
        builder.Services.AddHealthChecks().AddCheck("broker-mqtt", new BrokerHealthCheck(new BrokerConnectionOptions
        {
            Port = options.ServiceBrokerPort,
            CaCertificatePath = ca.CaCertificatePath,
            CertificatePath = probe.CertificatePath,
            PrivateKeyPath = probe.PrivateKeyPath,
        }));

        return builder.AddExecutable("broker", "sh", folder, "-c", ReloadOnRevocation, "broker", configPath, ca.RevocationListPath,
                (MemoryAlarmMegabytes * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithRequiredProgram("mosquitto", "install Mosquitto with ./build.sh setup (apt-get install mosquitto)")
            .WithEndpoint(port: options.BrokerPort, targetPort: options.BrokerPort, scheme: "mqtts", name: "mqtts", isProxied: false)
            .WithEndpoint(port: options.ServiceBrokerPort, targetPort: options.ServiceBrokerPort, scheme: "mqtts", name: "services", isProxied: false)
            .WithHealthCheck("broker-mqtt");
    }

    /// <summary>
    /// Gives a .NET service its broker identity (Broker__* settings read by BrokerConnectionOptions): the service's one
    /// certificate from <paramref name="serviceCa"/>, the same for all its replicas, on the services' listener.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithBrokerIdentity(
        this IResourceBuilder<ProjectResource> project, LocalStackOptions options, LocalCertificateAuthority ca,
        LocalCertificateAuthority serviceCa, string identity)
    {
        var files = serviceCa.EnsureClientCertificate("services", identity);
        return project
            .WithEnvironment("Broker__Host", "127.0.0.1")
            .WithEnvironment("Broker__Port", options.ServiceBrokerPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
            // The broker's server certificate comes from the local CA, found in the bundle the service trusts whole.
            .WithEnvironment("Broker__CaCertificatePath", ca.TrustBundlePath)
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
