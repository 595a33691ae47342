using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Channel;

namespace Valmetal.BrokerClient.Transport;

/// <summary>
/// Opens the broker connection: TCP with <see cref="BrokerConnectionOptions.SocketBufferBytes"/> buffers, mutual TLS
/// with this client's certificate, the broker accepted only if our CA signed it, and packets coalesced above TLS
/// (<see cref="WriteCoalescingStream"/>). TLS is done here rather than by MQTTnet because coalescing has to happen
/// before encryption: MQTTnet's own TLS layer seals every packet in its own record.
/// </summary>
public sealed class MutualTlsStreamProvider(BrokerConnectionOptions options, X509Certificate2 clientCertificate, X509Certificate2Collection ca)
    : IMqttClientStreamProvider
{
    /// <summary>Most bytes queued for sending; one TLS record carries up to 16 KiB.</summary>
    private const int CoalescingCapacity = 64 * 1024;

    public X509Certificate2 ClientCertificate => clientCertificate;

    public async Task<Stream> ConnectAsync(EndPoint brokerEndPoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
            SendBufferSize = options.SocketBufferBytes,
            ReceiveBufferSize = options.SocketBufferBytes,
        };
        SslStream? tls = null;
        try
        {
            await socket.ConnectAsync(brokerEndPoint, cancellationToken).ConfigureAwait(false);
            tls = new SslStream(new NetworkStream(socket, ownsSocket: true));
            await tls.AuthenticateAsClientAsync(Authentication(), cancellationToken).ConfigureAwait(false);
            return new WriteCoalescingStream(tls, CoalescingCapacity);
        }
        catch
        {
            // The TLS stream owns the socket once it exists.
            if (tls is not null)
            {
                await tls.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                socket.Dispose();
            }

            throw;
        }
    }

    private SslClientAuthenticationOptions Authentication() => new()
    {
        TargetHost = options.Host,
        ClientCertificates = [clientCertificate],
        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        // The chain is checked against the CA bundle in the callback; a private CA publishes no revocation list.
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        RemoteCertificateValidationCallback = (_, certificate, _, errors) => ClientCertificates.IsSignedBy(ca, certificate, errors),
    };
}
