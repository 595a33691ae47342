using System.ComponentModel.DataAnnotations;

namespace Valmetal.Api.Features.DeviceIdentity;

public enum DeviceRegistryKind
{
    /// <summary>Certificates from the local CA, revocation through the broker's revocation list (one machine only).</summary>
    LocalCa,

    /// <summary>AWS IoT Core's registry: things, certificates and policies (locally, the IoT fake of the AppHost).</summary>
    IotCore,
}

/// <summary>The <c>DeviceRegistry</c> section: which registry gives devices their identity, and where devices connect.</summary>
public sealed class DeviceRegistryOptions : IValidatableObject
{
    public const string SectionName = "DeviceRegistry";

    public DeviceRegistryKind Kind { get; set; } = DeviceRegistryKind.LocalCa;

    /// <summary>LocalCa: the CA's folder (ca.crt, ca.key, revoked.crl), shared with the broker.</summary>
    public string PkiFolder { get; set; } = string.Empty;

    /// <summary>LocalCa: the broker's host name devices are told to connect to (IotCore asks DescribeEndpoint).</summary>
    public string BrokerHost { get; set; } = "localhost";

    /// <summary>The broker's TLS port devices connect to: 8883 on IoT Core.</summary>
    [Range(1, 65535)]
    public int BrokerPort { get; set; } = 8883;

    /// <summary>IotCore: the control plane's address, https://iot.{region}.amazonaws.com (locally the IoT fake).</summary>
    public string ServiceUrl { get; set; } = string.Empty;

    /// <summary>IotCore: the IoT policy attached to every device certificate (the CDK's device policy).</summary>
    public string PolicyName { get; set; } = string.Empty;

    /// <summary>IotCore: the deployment's name prefix, which names the thing type of each kind of equipment.</summary>
    public string ThingTypePrefix { get; set; } = string.Empty;

    /// <summary>IotCore: the endpoint DescribeEndpoint is asked for; iot:Data-ATS chains to Amazon's roots.</summary>
    public string EndpointType { get; set; } = "iot:Data-ATS";

    /// <summary>
    /// IotCore: a PEM file holding the CA that the broker's certificate chains to, handed to each device with its key.
    /// It may be a bundle (the system's), from which <see cref="BrokerCaSubject"/> picks one certificate.
    /// </summary>
    public string BrokerCaFile { get; set; } = string.Empty;

    /// <summary>IotCore: the subject of the CA to take from <see cref="BrokerCaFile"/>; empty takes the whole file.</summary>
    public string BrokerCaSubject { get; set; } = string.Empty;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Kind))
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(Kind)} must be one of {string.Join(", ", Enum.GetNames<DeviceRegistryKind>())}.", [nameof(Kind)]);
            yield break;
        }

        var required = Kind == DeviceRegistryKind.LocalCa
            ? new[] { (nameof(PkiFolder), PkiFolder), (nameof(BrokerHost), BrokerHost) }
            :
            [
                (nameof(ServiceUrl), ServiceUrl), (nameof(PolicyName), PolicyName), (nameof(ThingTypePrefix), ThingTypePrefix),
                (nameof(EndpointType), EndpointType), (nameof(BrokerCaFile), BrokerCaFile),
            ];
        foreach (var (name, value) in required.Where(r => string.IsNullOrWhiteSpace(r.Item2)))
        {
            yield return new ValidationResult($"{SectionName}:{name} is required when {SectionName}:{nameof(Kind)} is {Kind}.", [name]);
        }

        if (Kind == DeviceRegistryKind.IotCore && !string.IsNullOrWhiteSpace(ServiceUrl) && !Uri.TryCreate(ServiceUrl, UriKind.Absolute, out _))
        {
            yield return new ValidationResult($"{SectionName}:{nameof(ServiceUrl)} must be an absolute URL.", [nameof(ServiceUrl)]);
        }
    }
}
