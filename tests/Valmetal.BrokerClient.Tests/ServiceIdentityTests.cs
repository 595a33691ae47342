namespace Valmetal.BrokerClient.Tests;

/// <summary>
/// Which identity a service's client ids start with: the CN the local CA gives each certificate, or, in AWS, where
/// every IoT Core certificate is "AWS IoT Certificate", the identity the deployment sets.
/// </summary>
public sealed class ServiceIdentityTests : IDisposable
{
    private readonly ThrowawayIdentity _identity = new();

    [Fact]
    public void Without_a_setting_the_identity_is_the_certificates_common_name() =>
        Assert.Equal(ThrowawayIdentity.ClientName, ClientCertificates.ServiceIdentity(_identity.FromFiles()));

    [Fact]
    public void A_set_identity_wins_over_the_certificates_common_name()
    {
        var options = _identity.FromPemText();
        options.Identity = "valmetal-telemetry";
        Assert.Equal("valmetal-telemetry", ClientCertificates.ServiceIdentity(options));
    }

    public void Dispose() => _identity.Dispose();
}
