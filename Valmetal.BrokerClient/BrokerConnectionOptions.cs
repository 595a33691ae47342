using System.ComponentModel.DataAnnotations;

namespace Valmetal.BrokerClient;

/// <summary>Where the broker is and which identity this process presents to it.</summary>
public sealed class BrokerConnectionOptions
{
    public const string SectionName = "Broker";

    [Required]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int Port { get; set; } = 8883;

    /// <summary>PEM file of the private CA that signed the broker's certificate (AWS: Amazon Root CA 1).</summary>
    [Required]
    public string CaCertificatePath { get; set; } = string.Empty;

    /// <summary>PEM certificate of this client; its CN is the identity the broker authorizes.</summary>
    [Required]
    public string CertificatePath { get; set; } = string.Empty;

    [Required]
    public string PrivateKeyPath { get; set; } = string.Empty;
}
