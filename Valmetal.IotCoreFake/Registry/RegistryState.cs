namespace Valmetal.IotCoreFake.Registry;

/// <summary>What the fake keeps between runs, as one JSON file: things, certificates and policy attachments.</summary>
public sealed class RegistryState
{
    public Dictionary<string, ThingRecord> Things { get; set; } = new(StringComparer.Ordinal);

    /// <summary>By certificate id.</summary>
    public Dictionary<string, CertificateRecord> Certificates { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Policy name → the certificate ARNs it is attached to.</summary>
    public Dictionary<string, HashSet<string>> PolicyTargets { get; set; } = new(StringComparer.Ordinal);
}

public sealed class ThingRecord
{
    public required string ThingId { get; set; }

    public string? ThingTypeName { get; set; }

    public Dictionary<string, string> Attributes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Certificate ARNs attached to the thing.</summary>
    public HashSet<string> Principals { get; set; } = new(StringComparer.Ordinal);
}

public sealed class CertificateRecord
{
    public required string Arn { get; set; }

    public required string Pem { get; set; }

    /// <summary>The serial number (hex) the broker's revocation list names.</summary>
    public required string SerialHex { get; set; }

    /// <summary>ACTIVE, INACTIVE or REVOKED.</summary>
    public required string Status { get; set; }

    public DateTimeOffset StatusChangedAt { get; set; }
}
