using System.ComponentModel.DataAnnotations;

namespace Valmetal.DeviceSimulator;

/// <summary>
/// The <c>Simulator</c> section. Defaults keep a local fleet lively but mostly healthy: with 25 devices about one is
/// in fault at any moment, a motor overheats somewhere every couple of minutes, a device drops off for a while
/// every few minutes. Misbehaviour and load are off unless asked for.
/// </summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";

    /// <summary>Folder holding <c>{thing}.crt</c> and <c>{thing}.key</c> for every device.</summary>
    [Required]
    public string CertificatesFolder { get; set; } = string.Empty;

    /// <summary>How many devices of the demo fleet, in order, come online.</summary>
    [Range(0, 25)]
    public int Devices { get; set; } = 25;

    /// <summary>Time between two telemetry samples of one device.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Devices now and then raise a fault (active event, state <c>fault</c>) and clear it later or on <c>reset_fault</c>.</summary>
    public bool Faults { get; set; } = true;

    /// <summary>Mean time between two faults of one device.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "7.00:00:00")]
    public TimeSpan FaultMeanInterval { get; set; } = TimeSpan.FromMinutes(40);

    /// <summary>Typical time a fault stays active when nobody resets it (each lasts half to one and a half times this).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan FaultDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Motors with a temperature metric now and then run above their warning threshold, long enough to alarm.</summary>
    public bool Overheats { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:10", "7.00:00:00")]
    public TimeSpan OverheatMeanInterval { get; set; } = TimeSpan.FromMinutes(45);

    /// <summary>At least 30 s, so even the shortest overheat (half of this) outlasts the 10 s alarm delay.</summary>
    [Range(typeof(TimeSpan), "00:00:30", "01:00:00")]
    public TimeSpan OverheatDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Devices now and then lose their link: they disconnect with their will message (the platform sees them go
    /// offline at once, as after a dropped cellular link), keep sampling into their buffer, and backfill on reconnect.
    /// </summary>
    public bool OfflineBursts { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:10", "7.00:00:00")]
    public TimeSpan OfflineMeanInterval { get; set; } = TimeSpan.FromHours(1);

    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan OfflineDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Samples a device keeps while it cannot publish; beyond this the oldest are dropped (and counted).</summary>
    [Range(1, 1_000_000)]
    public int OfflineBufferSamples { get; set; } = 10_000;

    /// <summary>How many of the running devices (the last ones) now and then break the contract (MisbehaviourKind).</summary>
    [Range(0, 25)]
    public int Misbehaving { get; set; }

    /// <summary>Mean time between two bad messages of one misbehaving device.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MisbehaviourMeanInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Load mode instead of the demo fleet: this many connections, each with a demo device's identity. At most 25:
    /// the broker takes the client id from the certificate's CN, so an identity cannot connect twice.
    /// </summary>
    [Range(0, 25)]
    public int LoadDevices { get; set; }

    /// <summary>Telemetry messages per second per load connection, three metrics each.</summary>
    [Range(0.1, 1000)]
    public double LoadRatePerDevice { get; set; } = 10;
}
