using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Valmetal.BrokerClient;

/// <summary>
/// Where the broker is and which identity this process presents to it. Each PEM comes either from a file
/// (<c>...Path</c>, local development) or as text (<c>...Pem</c>, ECS injects secrets as environment variables);
/// exactly one of the two for each.
/// </summary>
public sealed class BrokerConnectionOptions : IValidatableObject
{
    public const string SectionName = "Broker";

    /// <summary>At least one loopback segment, so the receive window never closes below it.</summary>
    public const int MinimumSocketBufferBytes = 64 * 1024;

    /// <summary>
    /// A device's buffers: it sends a message every second or so and receives little, so the smallest size that keeps
    /// the window open, not the 1 MiB a service needs to stream a backlog. A host running thousands of simulated
    /// devices (the fleet bench) would otherwise let each of them queue a megabyte.
    /// </summary>
    public const int DeviceSocketBufferBytes = MinimumSocketBufferBytes;

    [Required]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int Port { get; set; } = 8883;

    /// <summary>
    /// PEM bundle of the CAs the broker's certificate may chain to, every certificate of it trusted: locally the private
    /// CA (appended to the system bundle, as in AWS), in AWS the system bundle, which holds Amazon Root CA 1.
    /// </summary>
    public string CaCertificatePath { get; set; } = string.Empty;

    /// <summary>The same bundle as PEM text, instead of <see cref="CaCertificatePath"/>.</summary>
    public string CaCertificatePem { get; set; } = string.Empty;

    /// <summary>PEM certificate of this client; its CN is the identity the broker authorizes.</summary>
    public string CertificatePath { get; set; } = string.Empty;

    /// <summary>The client certificate as PEM text, instead of <see cref="CertificatePath"/>.</summary>
    public string CertificatePem { get; set; } = string.Empty;

    public string PrivateKeyPath { get; set; } = string.Empty;

    /// <summary>
    /// The service's broker identity, which starts the client id of each of its tasks. Empty means the certificate's CN:
    /// the local CA names each certificate after its identity, while every certificate IoT Core creates has the CN
    /// "AWS IoT Certificate", so the deployment sets this.
    /// </summary>
    [RegularExpression("^[a-z0-9-]*$")]
    public string Identity { get; set; } = string.Empty;

    /// <summary>The client's private key as PEM text, instead of <see cref="PrivateKeyPath"/>.</summary>
    public string PrivateKeyPem { get; set; } = string.Empty;

    /// <summary>
    /// Send and receive buffer of the client's socket. Setting any size switches off Linux's autotuning, and MQTTnet
    /// would set 8 KiB: a receive window that small (under one loopback segment) makes the kernel advertise a zero
    /// window while a backlog streams in, and the broker then sends only what each zero-window probe lets through,
    /// ~64 messages every few hundred milliseconds (docs/benchmarks.md, "Broker backlog"). The kernel caps the value
    /// at net.core.rmem_max and wmem_max.
    /// </summary>
    [Range(MinimumSocketBufferBytes, 16 * 1024 * 1024)]
    public int SocketBufferBytes { get; set; } = 1024 * 1024;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var ca = ExactlyOne(nameof(CaCertificatePath), CaCertificatePath, nameof(CaCertificatePem), CaCertificatePem);
        return new[]
        {
            ca ?? CaBundleError(),
            ExactlyOne(nameof(CertificatePath), CertificatePath, nameof(CertificatePem), CertificatePem),
            ExactlyOne(nameof(PrivateKeyPath), PrivateKeyPath, nameof(PrivateKeyPem), PrivateKeyPem),
        }.OfType<ValidationResult>();
    }

    internal static string EmptyCaBundleMessage(BrokerConnectionOptions options) => string.IsNullOrWhiteSpace(options.CaCertificatePem)
        ? $"{SectionName}:{nameof(CaCertificatePath)} ({options.CaCertificatePath}) holds no PEM certificate; no broker could be trusted."
        : $"{SectionName}:{nameof(CaCertificatePem)} holds no PEM certificate; no broker could be trusted.";

    /// <summary>
    /// Checked at start so a wrong path or an empty bundle stops the service with the setting's name, instead of every
    /// connection failing its TLS handshake later.
    /// </summary>
    private ValidationResult? CaBundleError()
    {
        string[] members = [string.IsNullOrWhiteSpace(CaCertificatePem) ? nameof(CaCertificatePath) : nameof(CaCertificatePem)];
        if (string.IsNullOrWhiteSpace(CaCertificatePem) && !File.Exists(CaCertificatePath))
        {
            return new ValidationResult($"{SectionName}:{nameof(CaCertificatePath)} ({CaCertificatePath}) does not exist.", members);
        }

        X509Certificate2Collection bundle;
        try
        {
            bundle = ClientCertificates.ReadCaBundle(this);
        }
        catch (CryptographicException ex)
        {
            return new ValidationResult($"{SectionName}:{members[0]} is not a readable PEM bundle: {ex.Message}", members);
        }

        var count = bundle.Count;
        foreach (var certificate in bundle)
        {
            certificate.Dispose();
        }

        return count == 0 ? new ValidationResult(EmptyCaBundleMessage(this), members) : null;
    }

    private static ValidationResult? ExactlyOne(string pathName, string path, string pemName, string pem) =>
        (string.IsNullOrWhiteSpace(path), string.IsNullOrWhiteSpace(pem)) switch
        {
            (true, true) => new ValidationResult(
                $"{SectionName}:{pathName} (a file) or {SectionName}:{pemName} (PEM text) is required.", [pathName, pemName]),
            (false, false) => new ValidationResult(
                $"{SectionName}:{pathName} and {SectionName}:{pemName} are both set; give only one of them.", [pathName, pemName]),
            _ => null,
        };
}
