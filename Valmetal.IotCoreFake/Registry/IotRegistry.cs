using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Valmetal.DeviceContract.Catalogue;
using Valmetal.DevicePki;

namespace Valmetal.IotCoreFake.Registry;

/// <summary>
/// The registry operations with IoT Core's rules as its API reference states them: a thing's type must exist, a
/// policy must exist to be attached, a revoked certificate stays revoked, a thing with principals cannot be deleted.
/// Every change is written to the state file at once; a revocation also rewrites the broker's revocation list, which
/// Mosquitto reloads, so a revoked device is refused as IoT Core refuses it.
/// </summary>
public sealed class IotRegistry : IDisposable
{
    public const string Active = "ACTIVE";
    public const string Inactive = "INACTIVE";
    public const string Revoked = "REVOKED";

    private static readonly JsonSerializerOptions StateJson = new() { WriteIndented = true };
    private readonly Lock _gate = new();
    private readonly Lock _saveGate = new();
    private readonly IotFakeOptions _options;
    private readonly LocalCertificateAuthority _ca;
    private readonly TimeProvider _time;
    private readonly HashSet<string> _thingTypes;
    private readonly RegistryState _state;
    private long _changes;
    private long _saved;

    public IotRegistry(IOptions<IotFakeOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        _ca = LocalCertificateAuthority.OpenOrCreate(_options.PkiFolder);
        _thingTypes = [.. ThingTypes.All(_options.ThingTypePrefix)];
        _state = File.Exists(_options.StateFile)
            ? JsonSerializer.Deserialize<RegistryState>(File.ReadAllText(_options.StateFile)) ?? new RegistryState()
            : new RegistryState();
    }

    public string Arn(string kind, string name) => $"arn:aws:iot:{_options.Region}:{_options.AccountId}:{kind}/{name}";

    public string EndpointAddress => _options.EndpointAddress;

    /// <summary>Same type and attributes: the existing thing, as IoT answers a repeated CreateThing.</summary>
    public (string Name, string Arn, string Id) CreateThing(string name, string? thingType, IReadOnlyDictionary<string, string> attributes) => Change(() =>
    {
        if (thingType is not null && !_thingTypes.Contains(thingType))
        {
            throw IotFakeException.NotFound($"Thing type {thingType} does not exist");
        }

        if (_state.Things.TryGetValue(name, out var existing))
        {
            if (existing.ThingTypeName != thingType || !existing.Attributes.OrderBy(a => a.Key).SequenceEqual(attributes.OrderBy(a => a.Key)))
            {
                throw IotFakeException.AlreadyExists($"Thing {name} already exists with different tags or attributes");
            }

            return (name, Arn("thing", name), existing.ThingId);
        }

        var thing = new ThingRecord { ThingId = Guid.NewGuid().ToString(), ThingTypeName = thingType, Attributes = new(attributes, StringComparer.Ordinal) };
        _state.Things[name] = thing;
        return (name, Arn("thing", name), thing.ThingId);
    });

    /// <summary>A thing that does not exist is deleted already; one with principals attached is refused.</summary>
    public void DeleteThing(string name) => Change(() =>
    {
        if (_state.Things.TryGetValue(name, out var thing))
        {
            if (thing.Principals.Count > 0)
            {
                throw IotFakeException.InvalidRequest($"Cannot delete. Thing {name} is still attached to one or more principals");
            }

            _state.Things.Remove(name);
        }

        return true;
    });

    /// <summary>Signs the request with the local CA, keeping its subject, as CreateCertificateFromCsr keeps it.</summary>
    public (string Id, CertificateRecord Certificate) CreateCertificateFromCsr(string csrPem, bool setAsActive) => Change(() =>
    {
        string pem;
        try
        {
            pem = _ca.SignDeviceRequest(csrPem);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw IotFakeException.InvalidRequest($"The certificate signing request is not valid: {ex.Message}");
        }

        var (serial, fingerprint, _) = IssuedCertificate.Describe(pem);
        // IoT names a certificate by its SHA-256 fingerprint, in lower case.
        var id = fingerprint.ToLowerInvariant();
        var certificate = new CertificateRecord
        {
            Arn = Arn("cert", id), Pem = pem, SerialHex = serial, Status = setAsActive ? Active : Inactive, StatusChangedAt = _time.GetUtcNow(),
        };
        _state.Certificates[id] = certificate;
        if (!setAsActive)
        {
            WriteRevocationList();
        }

        return (id, certificate);
    });

    /// <summary>Local seed: a certificate the AppHost made, active and attached to its thing and the policy.</summary>
    public void Import(string thingName, string thingType, string certificatePem, string policy) => Change(() =>
    {
        var (serial, fingerprint, _) = IssuedCertificate.Describe(certificatePem);
        var id = fingerprint.ToLowerInvariant();
        if (_state.Certificates.ContainsKey(id))
        {
            return false;
        }

        var arn = Arn("cert", id);
        _state.Certificates[id] = new CertificateRecord { Arn = arn, Pem = certificatePem, SerialHex = serial, Status = Active, StatusChangedAt = _time.GetUtcNow() };
        var thing = _state.Things.TryGetValue(thingName, out var existing) ? existing : _state.Things[thingName] = new ThingRecord { ThingId = Guid.NewGuid().ToString(), ThingTypeName = thingType };
        thing.Principals.Add(arn);
        Targets(policy).Add(arn);
        return true;
    });

    /// <summary>A revoked certificate cannot change status again.</summary>
    public void UpdateCertificate(string id, string newStatus) => Change(() =>
    {
        if (newStatus is not (Active or Inactive or Revoked))
        {
            throw IotFakeException.InvalidRequest($"newStatus {newStatus} is not one of ACTIVE, INACTIVE, REVOKED");
        }

        var certificate = Certificate(id);
        if (certificate.Status == Revoked && newStatus != Revoked)
        {
            throw IotFakeException.CertificateState($"Certificate {id} is revoked");
        }

        if (certificate.Status != newStatus)
        {
            certificate.Status = newStatus;
            certificate.StatusChangedAt = _time.GetUtcNow();
            WriteRevocationList();
        }

        return true;
    });

    /// <summary>
    /// The broker's list names every certificate IoT Core would refuse: revoked and inactive ones. Mosquitto reloads
    /// it when it changes, so it is written only when a status does.
    /// </summary>
    public void WriteRevocationList()
    {
        lock (_gate)
        {
            _ca.WriteRevocationList(_state.Certificates.Values.Where(c => c.Status != Active).Select(c => (c.SerialHex, c.StatusChangedAt)));
        }
    }

    public void AttachPolicy(string policy, string target) => Change(() => Targets(policy).Add(CertificateByArn(target).Arn));

    public void DetachPolicy(string policy, string target) => Change(() => Targets(policy).Remove(CertificateByArn(target).Arn));

    public void AttachThingPrincipal(string thingName, string principal) => Change(() => Thing(thingName).Principals.Add(CertificateByArn(principal).Arn));

    public void DetachThingPrincipal(string thingName, string principal) => Change(() => Thing(thingName).Principals.Remove(CertificateByArn(principal).Arn));

    public (string? ThingTypeName, string ThingId) DescribeThing(string thingName)
    {
        lock (_gate)
        {
            var thing = Thing(thingName);
            return (thing.ThingTypeName, thing.ThingId);
        }
    }

    public (string Arn, string Status, string Pem, string SerialHex) DescribeCertificate(string id)
    {
        lock (_gate)
        {
            var certificate = Certificate(id);
            return (certificate.Arn, certificate.Status, certificate.Pem, certificate.SerialHex);
        }
    }

    public IReadOnlyList<(string Id, string Status)> ListCertificates()
    {
        lock (_gate)
        {
            return [.. _state.Certificates.Select(c => (c.Key, c.Value.Status))];
        }
    }

    /// <summary>The certificate ARNs the policy is attached to.</summary>
    public IReadOnlyList<string> ListTargetsForPolicy(string policy)
    {
        lock (_gate)
        {
            return [.. Targets(policy).Order(StringComparer.Ordinal)];
        }
    }

    public IReadOnlyList<string> ListThingPrincipals(string thingName)
    {
        lock (_gate)
        {
            return [.. Thing(thingName).Principals.Order(StringComparer.Ordinal)];
        }
    }

    public void Dispose() => _ca.Dispose();

    private HashSet<string> Targets(string policy)
    {
        if (!_options.Policies.Contains(policy, StringComparer.Ordinal))
        {
            throw IotFakeException.NotFound($"Policy {policy} does not exist");
        }

        return _state.PolicyTargets.TryGetValue(policy, out var targets) ? targets : _state.PolicyTargets[policy] = new HashSet<string>(StringComparer.Ordinal);
    }

    private ThingRecord Thing(string name) =>
        _state.Things.TryGetValue(name, out var thing) ? thing : throw IotFakeException.NotFound($"Thing {name} does not exist");

    private CertificateRecord Certificate(string id) =>
        _state.Certificates.TryGetValue(id, out var certificate) ? certificate : throw IotFakeException.NotFound($"Certificate {id} does not exist");

    private CertificateRecord CertificateByArn(string arn) =>
        arn.StartsWith(Arn("cert", string.Empty), StringComparison.Ordinal)
            ? Certificate(arn[(arn.LastIndexOf('/') + 1)..])
            : throw IotFakeException.InvalidRequest($"{arn} is not a certificate ARN of this account and region");

    /// <summary>
    /// One change at a time, saved before it is answered. The saves are group commits: the whole state is written each
    /// time, so saving once per change made registering a fleet quadratic (the fleet bench issued 16 certificates a
    /// second at 200 devices and 6 at 2,000, the file then 2.7 MB); a change already covered by another request's save
    /// is answered without writing again.
    /// </summary>
    private T Change<T>(Func<T> change)
    {
        T result;
        long mine;
        lock (_gate)
        {
            result = change();
            mine = ++_changes;
        }

        lock (_saveGate)
        {
            if (_saved < mine)
            {
                string json;
                long covers;
                lock (_gate)
                {
                    json = JsonSerializer.Serialize(_state, StateJson);
                    covers = _changes;
                }

                var temporary = _options.StateFile + ".tmp";
                File.WriteAllText(temporary, json);
                File.Move(temporary, _options.StateFile, overwrite: true);
                _saved = covers;
            }
        }

        return result;
    }
}
