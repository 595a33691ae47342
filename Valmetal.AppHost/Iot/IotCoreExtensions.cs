using System.Globalization;
using Valmetal.AppHost.Emulators;
using Valmetal.AppHost.LocalStack;

namespace Valmetal.AppHost.Iot;

/// <summary>
/// IoT Core's registry, locally: the IoT fake (Valmetal.IotCoreFake) stands in for the control plane the API calls,
/// and signs with the local CA whose revocation list the broker reads. The names are the ones the CDK gives in AWS.
/// </summary>
public static class IotCoreExtensions
{
    /// <summary>The deployment prefix of the local "environment", as the CDK's ResourceNames makes it.</summary>
    public const string DeploymentPrefix = "valmetal-local";

    public const string DevicePolicy = DeploymentPrefix + "-device";

    public static IResourceBuilder<ProjectResource> AddIotCoreFake(this IDistributedApplicationBuilder builder, LocalStackOptions local, string demoCertificatesFolder)
    {
        var folder = local.StatePath("iot-core");
        Directory.CreateDirectory(folder);
        return builder.AddLocalProject<Projects.Valmetal_IotCoreFake>("iot-core")
            .WithHttpEndpoint(name: "http")
            .WithHttpHealthCheck("/health")
            .WithEnvironment("IotFake__PkiFolder", local.StatePath("pki"))
            .WithEnvironment("IotFake__StateFile", Path.Combine(folder, "registry.json"))
            .WithEnvironment("IotFake__Region", AwsEmulatorExtensions.Region)
            .WithEnvironment("IotFake__EndpointAddress", "localhost")
            .WithEnvironment("IotFake__Policies__0", DevicePolicy)
            .WithEnvironment("IotFake__ThingTypePrefix", DeploymentPrefix)
            .WithEnvironment("IotFake__DemoCertificatesFolder", demoCertificatesFolder);
    }

    /// <summary>The API's registry is IoT Core's, reached at the fake; devices are told to trust the local CA.</summary>
    public static IResourceBuilder<ProjectResource> WithIotCoreRegistry(
        this IResourceBuilder<ProjectResource> project, IResourceBuilder<ProjectResource> iot, LocalStackOptions local) => project
        .WaitFor(iot)
        .WithEnvironment("DeviceRegistry__Kind", "IotCore")
        .WithEnvironment("DeviceRegistry__ServiceUrl", iot.GetEndpoint("http"))
        .WithEnvironment("DeviceRegistry__PolicyName", DevicePolicy)
        .WithEnvironment("DeviceRegistry__ThingTypePrefix", DeploymentPrefix)
        .WithEnvironment("DeviceRegistry__BrokerCaFile", local.StatePath("pki", "ca.crt"))
        .WithEnvironment("DeviceRegistry__BrokerPort", local.BrokerPort.ToString(CultureInfo.InvariantCulture));
}
