using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using Valmetal.BrokerClient.Transport;

namespace Valmetal.BrokerClient.Tests;

/// <summary>On ECS the certificate arrives as PEM text in environment variables; it must behave exactly like the files.</summary>
public sealed class PemConfigurationTests : IDisposable
{
    private readonly ThrowawayIdentity _identity = new();

    [Fact]
    public void Options_built_from_pem_text_equal_options_built_from_files()
    {
        var fromFiles = BrokerClientOptions.CreateBuilder(_identity.FromFiles()).Build();
        var fromPem = BrokerClientOptions.CreateBuilder(_identity.FromPemText()).Build();

        Assert.Equal(ThrowawayIdentity.ClientName, fromFiles.ClientId);
        Assert.Equal(fromFiles.ClientId, fromPem.ClientId);
        var fileCertificate = Assert.Single(ClientCertificatesOf(fromFiles));
        var pemCertificate = Assert.Single(ClientCertificatesOf(fromPem));
        Assert.Equal(fileCertificate.Thumbprint, pemCertificate.Thumbprint);
        Assert.True(pemCertificate.HasPrivateKey);
        Assert.True(fileCertificate.HasPrivateKey);
    }

    [Fact]
    public void The_ca_from_pem_text_is_the_ca_from_the_file_and_vouches_for_the_client()
    {
        var fromFile = Assert.Single(ClientCertificates.LoadCa(_identity.FromFiles()));
        var fromPem = ClientCertificates.LoadCa(_identity.FromPemText());
        using var client = X509Certificate2.CreateFromPem(_identity.CertificatePem);

        Assert.Equal(fromFile.Thumbprint, Assert.Single(fromPem).Thumbprint);
        Assert.True(ClientCertificates.IsSignedBy(fromPem, client, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void File_and_pem_sources_can_be_mixed_per_item()
    {
        var mixed = _identity.FromFiles();
        mixed.CertificatePath = string.Empty;
        mixed.CertificatePem = _identity.CertificatePem;

        var options = BrokerClientOptions.CreateBuilder(mixed).Build();

        Assert.Equal(ThrowawayIdentity.ClientName, options.ClientId);
        Assert.True(Assert.Single(ClientCertificatesOf(options)).HasPrivateKey);
    }

    public void Dispose() => _identity.Dispose();

    private static X509Certificate2[] ClientCertificatesOf(MqttClientOptions options) =>
        [((MutualTlsStreamProvider)((MqttClientTcpOptions)options.ChannelOptions).StreamProvider).ClientCertificate];
}
