namespace Valmetal.DeviceState;

public sealed class DeviceStateOptions
{
    public const string SectionName = "DeviceState";

    public string TableName { get; set; } = "valmetal-device-state";

    /// <summary>Set locally (dynalite); empty in AWS, where the region and task role are used.</summary>
    public string? ServiceUrl { get; set; }

    public string Region { get; set; } = "us-east-1";

    /// <summary>Only for the local stack: in AWS the CDK stack owns the table.</summary>
    public bool CreateTableIfMissing { get; set; }
}
