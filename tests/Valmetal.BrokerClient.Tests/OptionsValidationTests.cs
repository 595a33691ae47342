using System.ComponentModel.DataAnnotations;

namespace Valmetal.BrokerClient.Tests;

/// <summary>Each PEM comes from exactly one place: a file or configuration text, never both, never neither.</summary>
public sealed class OptionsValidationTests : IDisposable
{
    private readonly ThrowawayIdentity _identity = new();

    [Fact]
    public void Files_alone_and_pem_text_alone_are_both_valid()
    {
        Assert.Empty(Errors(_identity.FromFiles()));
        Assert.Empty(Errors(_identity.FromPemText()));
    }

    [Fact]
    public void A_certificate_given_both_as_file_and_as_text_is_refused_with_both_names()
    {
        var options = _identity.FromFiles();
        options.CertificatePem = _identity.CertificatePem;

        var error = Assert.Single(Errors(options));

        Assert.Equal("Broker:CertificatePath and Broker:CertificatePem are both set; give only one of them.", error.ErrorMessage);
        Assert.Equal(["CertificatePath", "CertificatePem"], error.MemberNames);
    }

    [Fact]
    public void A_missing_private_key_and_ca_are_each_reported()
    {
        var options = _identity.FromPemText();
        options.PrivateKeyPem = " ";
        options.CaCertificatePem = string.Empty;

        var messages = Errors(options).Select(e => e.ErrorMessage).ToList();

        Assert.Equal(
            [
                "Broker:CaCertificatePath (a file) or Broker:CaCertificatePem (PEM text) is required.",
                "Broker:PrivateKeyPath (a file) or Broker:PrivateKeyPem (PEM text) is required.",
            ],
            messages);
    }

    [Fact]
    public void A_socket_buffer_too_small_to_stream_a_backlog_is_refused()
    {
        var options = _identity.FromFiles();
        options.SocketBufferBytes = 8192;

        var error = Assert.Single(Errors(options));

        Assert.Equal(["SocketBufferBytes"], error.MemberNames);
        Assert.Contains("65536", error.ErrorMessage, StringComparison.Ordinal);
    }

    public void Dispose() => _identity.Dispose();

    private static List<ValidationResult> Errors(BrokerConnectionOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
