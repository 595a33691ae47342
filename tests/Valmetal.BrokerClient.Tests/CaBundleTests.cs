using System.ComponentModel.DataAnnotations;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Valmetal.BrokerClient.Tests;

/// <summary>
/// A CA bundle is trusted whole: in AWS Broker:CaCertificatePath is the system bundle, where the CA that signed the
/// broker is one certificate among many and not the first.
/// </summary>
public sealed class CaBundleTests : IDisposable
{
    private readonly ThrowawayIdentity _first = new("CN=First test CA");
    private readonly ThrowawayIdentity _ours = new();
    private readonly ThrowawayIdentity _stranger = new("CN=Stranger test CA");

    [Fact]
    public void Every_certificate_of_the_system_bundle_with_our_ca_appended_is_loaded()
    {
        var options = _ours.FromPemText();
        options.CaCertificatePem = CaBundles.SystemBundleText() + _ours.CaCertificatePem;

        var bundle = ClientCertificates.LoadCa(options);

        Assert.True(bundle.Count > 2, $"only {bundle.Count} certificates were read from the bundle");
        Assert.Equal("CN=Throwaway test CA", bundle[^1].Subject);
    }

    [Fact]
    public void A_broker_signed_by_the_last_ca_of_the_system_bundle_is_trusted_and_one_signed_by_an_unknown_ca_is_not()
    {
        var options = _ours.FromPemText();
        options.CaCertificatePem = CaBundles.SystemBundleText() + _ours.CaCertificatePem;
        var trusted = ClientCertificates.LoadCa(options);
        using var ourBroker = _ours.IssueServerCertificate();
        using var strangeBroker = _stranger.IssueServerCertificate();

        Assert.True(ClientCertificates.IsSignedBy(trusted, ourBroker, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(ClientCertificates.IsSignedBy(trusted, strangeBroker, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void A_broker_signed_by_the_second_of_two_cas_is_trusted_from_a_bundle_file()
    {
        var options = _ours.FromFiles();
        options.CaCertificatePath = Path.Combine(Path.GetDirectoryName(_ours.CaCertificatePath)!, "two-cas.crt");
        File.WriteAllText(options.CaCertificatePath, _first.CaCertificatePem + "\n" + _ours.CaCertificatePem);
        var trusted = ClientCertificates.LoadCa(options);
        using var ourBroker = _ours.IssueServerCertificate();
        using var strangeBroker = _stranger.IssueServerCertificate();

        Assert.Equal(2, trusted.Count);
        Assert.True(ClientCertificates.IsSignedBy(trusted, ourBroker, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(ClientCertificates.IsSignedBy(trusted, strangeBroker, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void A_trusted_chain_for_the_wrong_host_name_is_still_refused()
    {
        var trusted = ClientCertificates.LoadCa(_ours.FromPemText());
        using var ourBroker = _ours.IssueServerCertificate();

        Assert.False(ClientCertificates.IsSignedBy(
            trusted, ourBroker, SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch));
    }

    [Fact]
    public void A_bundle_without_any_certificate_is_refused_by_validation_with_the_setting_name()
    {
        var options = _ours.FromFiles();
        options.CaCertificatePath = Path.Combine(Path.GetDirectoryName(_ours.CaCertificatePath)!, "empty.crt");
        File.WriteAllText(options.CaCertificatePath, "# no certificate here\n");

        var error = Assert.Single(Errors(options));

        Assert.Equal(["CaCertificatePath"], error.MemberNames);
        Assert.StartsWith("Broker:CaCertificatePath (", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("holds no PEM certificate", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => ClientCertificates.LoadCa(options));
    }

    [Fact]
    public void A_missing_bundle_file_is_refused_by_validation()
    {
        var options = _ours.FromFiles();
        options.CaCertificatePath = "/nonexistent/ca-bundle.crt";

        var error = Assert.Single(Errors(options));

        Assert.Equal("Broker:CaCertificatePath (/nonexistent/ca-bundle.crt) does not exist.", error.ErrorMessage);
    }

    [Fact]
    public void Pem_text_without_any_certificate_is_refused_by_validation()
    {
        var options = _ours.FromPemText();
        options.CaCertificatePem = "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n";

        var error = Assert.Single(Errors(options));

        Assert.Equal("Broker:CaCertificatePem holds no PEM certificate; no broker could be trusted.", error.ErrorMessage);
    }

    public void Dispose()
    {
        _first.Dispose();
        _ours.Dispose();
        _stranger.Dispose();
    }

    private static List<ValidationResult> Errors(BrokerConnectionOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
