using System.ComponentModel.DataAnnotations;

namespace Valmetal.IotCoreFake;

/// <summary>The <c>IotFake</c> section: what in AWS the account and the CDK would have set up.</summary>
public sealed class IotFakeOptions
{
    public const string SectionName = "IotFake";

    /// <summary>The local CA's folder: it signs devices' certificates, and its revocation list is the broker's.</summary>
    [Required]
    public string PkiFolder { get; set; } = string.Empty;

    /// <summary>Where the registry (things, certificates, attachments) is kept between runs.</summary>
    [Required]
    public string StateFile { get; set; } = string.Empty;

    /// <summary>The region requests must be signed for, and which ARNs name.</summary>
    [Required]
    public string Region { get; set; } = string.Empty;

    [RegularExpression("^[0-9]{12}$")]
    public string AccountId { get; set; } = "000000000000";

    /// <summary>What DescribeEndpoint answers: the local broker's host.</summary>
    [Required]
    public string EndpointAddress { get; set; } = string.Empty;

    /// <summary>The IoT policies that exist (the CDK's); attaching another is refused as IoT refuses it.</summary>
    [MinLength(1)]
    public List<string> Policies { get; set; } = [];

    /// <summary>The deployment prefix of the thing types that exist, one per kind of equipment (the CDK's).</summary>
    [Required]
    public string ThingTypePrefix { get; set; } = string.Empty;

    /// <summary>Local seed: the demo fleet's certificates the AppHost made, registered as things at start.</summary>
    public string DemoCertificatesFolder { get; set; } = string.Empty;
}
