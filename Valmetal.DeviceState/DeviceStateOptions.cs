using System.ComponentModel.DataAnnotations;
using Valmetal.AwsHttp.Sdk;

namespace Valmetal.DeviceState;

public sealed class DeviceStateOptions : IAwsServiceEndpoint
{
    public const string SectionName = "DeviceState";

    [Required]
    public string TableName { get; set; } = "valmetal-device-state";

    /// <summary>Set locally (dynalite); empty in AWS, where the region (<c>Aws:Region</c>) and task role are used.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>Only for the local stack: in AWS the CDK stack owns the table.</summary>
    public bool CreateTableIfMissing { get; set; }
}
