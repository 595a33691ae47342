using System.ComponentModel.DataAnnotations;

namespace Valmetal.DeviceSimulator;

public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";

    /// <summary>Folder holding <c>{thing}.crt</c> and <c>{thing}.key</c> for every device.</summary>
    [Required]
    public string CertificatesFolder { get; set; } = string.Empty;

    /// <summary>How many devices of the demo fleet, in order, come online.</summary>
    [Range(0, 25)]
    public int Devices { get; set; } = 25;

    /// <summary>Time between two telemetry messages of one device.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(2);
}
