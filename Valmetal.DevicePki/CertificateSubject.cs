using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Valmetal.DevicePki;

/// <summary>
/// The subject of every certificate the platform has made: <c>CN={name}, O=Valmetal</c>. A device's common name is its
/// thing name, which the local broker takes as the client's user name (its ACL allows a device its own topics only).
/// </summary>
public static class CertificateSubject
{
    public static X500DistinguishedName Of(string commonName) => new($"CN={commonName}, O=Valmetal");

    /// <summary>A certificate request for a device's new key, in PEM, as IoT Core's CreateCertificateFromCsr takes it.</summary>
    public static string SigningRequest(string thingName, ECDsa key) =>
        new CertificateRequest(Of(thingName), key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
}
