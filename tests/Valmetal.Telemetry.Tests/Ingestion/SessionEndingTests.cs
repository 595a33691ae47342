using System.Net;
using System.Net.Sockets;
using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using Valmetal.Telemetry.Ingestion.Slots;

namespace Valmetal.Telemetry.Tests.Ingestion;

/// <summary>
/// Ending a session discards it at the broker, so it must not happen while the broker still holds messages for it.
/// The broker here is a scripted MQTT 5 peer on a socket, not Mosquitto: what is tested is a broker that reads an
/// acknowledgement late and only then lets the next queued message out, and no real broker can be told to be that
/// busy at exactly that moment.
/// </summary>
public sealed class SessionEndingTests : IAsyncDisposable
{
    private const int Queued = 3;

    /// <summary>Far longer than the client takes to hand a message it read to the handler, even on a loaded machine.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _run = new(TimeSpan.FromSeconds(60));
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    public SessionEndingTests() => _listener.Start();

    [Fact]
    public async Task A_session_is_discarded_only_once_the_broker_has_let_out_everything_it_held_however_late()
    {
        var broker = BusyBrokerAsync();
        var tracker = new DeliveryTracker();
        _client.ApplicationMessageReceivedAsync += async e =>
        {
            e.AutoAcknowledge = false;
            await tracker.Delivered(e.AcknowledgeAsync)(_run.Token);
        };
        await _client.ConnectAsync(Options(cleanStart: false), _run.Token);

        var ended = await SessionEnding.EndAsync(_client, Options(cleanStart: true), ["t/#"], tracker, Quiet, TimeSpan.FromSeconds(30), TimeProvider.System, _run.Token);

        var (acknowledgedBeforeDiscard, discardedWithCleanStart) = await broker;
        Assert.True(ended);
        Assert.True(discardedWithCleanStart);
        Assert.Equal(Queued, acknowledgedBeforeDiscard);
        Assert.Equal(Queued, tracker.Deliveries);
    }

    public async ValueTask DisposeAsync()
    {
        await _run.CancelAsync();
        _client.Dispose();
        _listener.Stop();
        _run.Dispose();
    }

    private MqttClientOptions Options(bool cleanStart) => new MqttClientOptionsBuilder()
        .WithTcpServer("127.0.0.1", ((IPEndPoint)_listener.LocalEndpoint).Port)
        .WithProtocolVersion(MqttProtocolVersion.V500)
        .WithClientId("valmetal-telemetry-1")
        .WithCleanStart(cleanStart)
        .WithSessionExpiryInterval(cleanStart ? 0u : 60u)
        .WithTimeout(TimeSpan.FromSeconds(10))
        .Build();

    /// <summary>
    /// Holds <see cref="Queued"/> messages for the session. It answers the unsubscribe and sends the first message;
    /// each next one it lets out as late as it can: not when the acknowledgement of the one before arrives, but only
    /// once the client has sent something after it, however long that takes (a client that waits out a quiet spell
    /// and disconnects never gets it). It answers every packet in the order it came, as a broker does. Returns what
    /// was acknowledged when the session was discarded.
    /// </summary>
    private async Task<(int Acknowledged, bool CleanStart)> BusyBrokerAsync()
    {
        var ct = _run.Token;
        var acknowledged = 0;
        using (var first = await _listener.AcceptTcpClientAsync(ct))
        {
            var stream = first.GetStream();
            await ReadAsync(stream, ct);
            await stream.WriteAsync(Connack, ct);
            var (sent, held) = (0, false);
            while (true)
            {
                var (type, body) = await ReadAsync(stream, ct);
                if (type == Disconnect)
                {
                    break;
                }

                if (held)
                {
                    // Let out ahead of the answer to what the client sent, as a broker sends what it let out first.
                    await stream.WriteAsync(Publish(++sent), ct);
                    held = false;
                }

                switch (type)
                {
                    case Unsubscribe:
                        await stream.WriteAsync(new byte[] { 0xB0, 0x04, body[0], body[1], 0x00, 0x00 }, ct);
                        await stream.WriteAsync(Publish(++sent), ct);
                        break;
                    case PubAck:
                        acknowledged++;
                        held = sent < Queued;
                        break;
                    case PingReq:
                        await stream.WriteAsync(new byte[] { 0xD0, 0x00 }, ct);
                        break;
                }
            }
        }

        using var second = await _listener.AcceptTcpClientAsync(ct);
        var again = second.GetStream();
        var (_, connect) = await ReadAsync(again, ct);
        await again.WriteAsync(Connack, ct);
        // The CONNECT's flags follow the protocol name (2 + 4 bytes) and level; bit 1 is Clean Start.
        return (acknowledged, (connect[7] & 0x02) != 0);
    }

    private const int Connect = 1;
    private const int PubAck = 4;
    private const int Unsubscribe = 10;
    private const int PingReq = 12;
    private const int Disconnect = 14;

    /// <summary>MQTT 5 CONNACK: no session present, success, no properties.</summary>
    private static readonly byte[] Connack = [0x20, 0x03, 0x00, 0x00, 0x00];

    /// <summary>A QoS 1 PUBLISH on t/n with packet id n and no properties.</summary>
    private static byte[] Publish(int n)
    {
        var topic = Encoding.UTF8.GetBytes($"t/{n}");
        var payload = Encoding.UTF8.GetBytes("{}");
        return [0x32, (byte)(2 + topic.Length + 2 + 1 + payload.Length), 0x00, (byte)topic.Length, .. topic, 0x00, (byte)n, 0x00, .. payload];
    }

    private static async Task<(int Type, byte[] Body)> ReadAsync(NetworkStream stream, CancellationToken ct)
    {
        var one = new byte[1];
        await stream.ReadExactlyAsync(one, ct);
        var type = one[0] >> 4;
        int length = 0, shift = 0;
        do
        {
            await stream.ReadExactlyAsync(one, ct);
            length |= (one[0] & 0x7F) << shift;
            shift += 7;
        }
        while ((one[0] & 0x80) != 0);

        var body = new byte[length];
        await stream.ReadExactlyAsync(body, ct);
        Assert.True(type is Connect or PubAck or Unsubscribe or PingReq or Disconnect, $"unexpected packet type {type}");
        return (type, body);
    }
}
