using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Valmetal.BrokerClient.Transport;

namespace Valmetal.BrokerClient.Tests;

/// <summary>
/// The broker connection against a real TLS server on loopback: who may talk to whom, and that many small packets
/// travel in few TLS records (every record costs 22 bytes on the wire under TLS 1.3, so the wire shows it).
/// </summary>
public sealed class MutualTlsTransportTests : IDisposable
{
    private const int PacketCount = 1000;
    private static readonly byte[] Puback = [0x40, 0x02, 0x00, 0x01];
    private static readonly byte[] ServerReady = [0x2A];

    private readonly ThrowawayIdentity _identity = new();
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public MutualTlsTransportTests() => _listener.Start();

    [Fact]
    public async Task Small_packets_written_one_by_one_share_tls_records_and_arrive_in_order()
    {
        using var serverCertificate = _identity.IssueServerCertificate();
        var server = AcceptAsync(serverCertificate, PacketCount * Puback.Length);

        await using (var client = await ConnectToReadyServerAsync())
        {
            for (var i = 0; i < PacketCount; i++)
            {
                await client.WriteAsync(Puback);
            }

            await client.FlushAsync();
        }

        var (received, wireBytes, clientName) = await server.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(ThrowawayIdentity.ClientName, clientName);
        Assert.Equal(Enumerable.Repeat(Puback, PacketCount).SelectMany(b => b), received);
        // One record per packet would put 26,000 bytes on the wire; coalesced, a few records carry the 4,000.
        Assert.InRange(wireBytes, PacketCount * Puback.Length, PacketCount * Puback.Length * 2);
    }

    [Fact]
    public async Task Disposing_right_after_a_write_still_delivers_it()
    {
        using var serverCertificate = _identity.IssueServerCertificate();
        var server = AcceptAsync(serverCertificate, 2);

        var client = await ConnectToReadyServerAsync();
        await client.WriteAsync(new byte[] { 0xE0, 0x00 });
        await client.DisposeAsync();

        var (received, _, _) = await server.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([0xE0, 0x00], received);
    }

    [Fact]
    public async Task A_broker_whose_certificate_another_ca_signed_is_refused()
    {
        using var stranger = new ThrowawayIdentity();
        using var foreignCertificate = stranger.IssueServerCertificate();
        _ = AcceptAsync(foreignCertificate, 0);

        await Assert.ThrowsAsync<AuthenticationException>(ConnectAsync);
    }

    [Fact]
    public async Task A_broker_signed_by_a_ca_deep_inside_the_bundle_is_trusted_as_in_aws()
    {
        // As on ECS: the system bundle first, our CA appended after a hundred or more other roots.
        var bundle = Path.Combine(Path.GetDirectoryName(_identity.CaCertificatePath)!, "bundle.crt");
        File.WriteAllText(bundle, CaBundles.SystemBundleText() + _identity.CaCertificatePem);
        var options = _identity.FromFiles();
        options.CaCertificatePath = bundle;
        using var serverCertificate = _identity.IssueServerCertificate();
        var server = AcceptAsync(serverCertificate, 2);

        await using (var client = await ConnectAsync(options))
        {
            await client.ReadExactlyAsync(new byte[1]);
            await client.WriteAsync(new byte[] { 0xE0, 0x00 });
        }

        var (received, _, _) = await server.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([0xE0, 0x00], received);
    }

    [Fact]
    public async Task Writes_fail_once_the_connection_is_gone()
    {
        using var serverCertificate = _identity.IssueServerCertificate();
        var server = AcceptAsync(serverCertificate, 0);
        await using var client = await ConnectToReadyServerAsync();
        await server.WaitAsync(TimeSpan.FromSeconds(10));

        var failure = await Assert.ThrowsAsync<IOException>(async () =>
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (true)
            {
                await client.WriteAsync(Puback, deadline.Token);
                await Task.Delay(10, deadline.Token);
            }
        });
        Assert.NotNull(failure.InnerException);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _identity.Dispose();
    }

    /// <summary>Connects, then waits for the server's ready byte.</summary>
    private async Task<Stream> ConnectToReadyServerAsync()
    {
        var client = await ConnectAsync();
        var ready = new byte[1];
        await client.ReadExactlyAsync(ready);
        Assert.Equal(ServerReady, ready);
        return client;
    }

    private Task<Stream> ConnectAsync() => ConnectAsync(_identity.FromFiles());

    private Task<Stream> ConnectAsync(BrokerConnectionOptions options)
    {
        var provider = new MutualTlsStreamProvider(options, ClientCertificates.LoadClient(options), ClientCertificates.LoadCa(options));
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        return provider.ConnectAsync(new DnsEndPoint("127.0.0.1", port), CancellationToken.None);
    }

    /// <summary>
    /// Accepts one client over TLS, requiring a certificate, reads <paramref name="expected"/> bytes, closes the
    /// connection; returns what it read, how many bytes crossed the wire for them, and the client's name.
    /// </summary>
    private async Task<(byte[] Received, long WireBytes, string ClientName)> AcceptAsync(X509Certificate2 certificate, int expected)
    {
        using var socket = await _listener.AcceptSocketAsync();
        var wire = new CountingStream(new NetworkStream(socket, ownsSocket: false));
        var ca = ClientCertificates.LoadCa(_identity.FromFiles());
        await using var tls = new SslStream(wire, leaveInnerStreamOpen: false,
            (_, presented, _, errors) => ClientCertificates.IsSignedBy(ca, presented, errors));
        await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
        {
            ServerCertificate = certificate,
            ClientCertificateRequired = true,
            EnabledSslProtocols = SslProtocols.Tls13,
        });
        // The client writes only after this byte, so everything read from here on is its data.
        await tls.WriteAsync(ServerReady);
        var afterHandshake = wire.BytesRead;
        var clientName = tls.RemoteCertificate is X509Certificate2 client ? client.GetNameInfo(X509NameType.SimpleName, false) : "";

        var received = new byte[expected];
        await tls.ReadExactlyAsync(received);
        return (received, wire.BytesRead - afterHandshake, clientName);
    }

    /// <summary>Counts the bytes read from the socket, below TLS.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanWrite => true;
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            BytesRead += read;
            return read;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.WriteAsync(buffer, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override void Flush() => inner.Flush();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
