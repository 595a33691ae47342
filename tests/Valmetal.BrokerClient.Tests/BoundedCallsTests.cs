using System.Net;
using System.Net.Sockets;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Valmetal.BrokerClient.Tests;

/// <summary>
/// Calls made with a cancellable token against a peer that stops answering, as a link that died half-open does.
/// The peer is a bare socket, not a broker: it is the silence being tested, and no broker can be told to keep a
/// connection open and never acknowledge.
/// </summary>
public sealed class BoundedCallsTests : IAsyncDisposable
{
    // Long enough for a cold connect on a loaded machine; the silent peer makes every call wait for all of it.
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(3);

    // CONNACK for MQTT 5: no session present, success, no properties.
    private static readonly byte[] Connack = [0x20, 0x03, 0x00, 0x00, 0x00];

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _run = new();
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    public BoundedCallsTests() => _listener.Start();

    [Fact]
    public async Task A_publish_whose_acknowledgement_never_comes_fails_as_a_timeout_within_the_clients_timeout()
    {
        var peer = SilentPeerAsync(answerConnect: true);
        await _client.ConnectBoundedAsync(Options(), _run.Token);

        var publish = _client.PublishBoundedAsync(Message(), _run.Token);

        var failure = await Assert.ThrowsAsync<MqttCommunicationTimedOutException>(() => publish.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.True(BoundedCalls.IsLinkFailure(failure));
        await _run.CancelAsync();
        await peer;
    }

    [Fact]
    public async Task A_connect_whose_acknowledgement_never_comes_fails_as_a_timeout()
    {
        var peer = SilentPeerAsync(answerConnect: false);

        var connect = _client.ConnectBoundedAsync(Options(), _run.Token);

        await Assert.ThrowsAsync<MqttCommunicationTimedOutException>(() => connect.WaitAsync(TimeSpan.FromSeconds(20)));
        await _run.CancelAsync();
        await peer;
    }

    [Fact]
    public async Task A_connect_given_a_deadline_of_its_own_is_bounded_by_it_not_by_the_clients_timeout()
    {
        var peer = SilentPeerAsync(answerConnect: false);

        // A device's attempt (the contract's deadline) differs from the client's timeout for every other call.
        var connect = _client.ConnectBoundedAsync(Options(TimeSpan.FromMinutes(10)), _run.Token, within: ClientTimeout);

        await Assert.ThrowsAsync<MqttCommunicationTimedOutException>(() => connect.WaitAsync(TimeSpan.FromSeconds(20)));
        await _run.CancelAsync();
        await peer;
    }

    [Fact]
    public async Task The_callers_own_cancellation_stays_a_cancellation_and_is_not_a_link_failure()
    {
        var peer = SilentPeerAsync(answerConnect: true);
        await _client.ConnectBoundedAsync(Options(), _run.Token);
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(_run.Token);

        var publish = _client.PublishBoundedAsync(Message(), caller.Token, within: TimeSpan.FromMinutes(5));
        await caller.CancelAsync();

        var failure = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => publish.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.False(BoundedCalls.IsLinkFailure(failure));
        await _run.CancelAsync();
        await peer;
    }

    public async ValueTask DisposeAsync()
    {
        await _run.CancelAsync();
        _client.Dispose();
        _listener.Dispose();
        _run.Dispose();
    }

    private MqttClientOptions Options(TimeSpan? timeout = null) => new MqttClientOptionsBuilder()
        .WithTcpServer("127.0.0.1", ((IPEndPoint)_listener.LocalEndpoint).Port)
        .WithProtocolVersion(MqttProtocolVersion.V500)
        .WithTimeout(timeout ?? ClientTimeout)
        .WithKeepAlivePeriod(TimeSpan.Zero)
        .Build();

    private static MqttApplicationMessage Message() => new MqttApplicationMessageBuilder()
        .WithTopic("test/bounded-calls")
        .WithPayload("{}")
        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
        .Build();

    /// <summary>Accepts one connection, answers its CONNECT or not, then reads everything and answers nothing.</summary>
    private async Task SilentPeerAsync(bool answerConnect)
    {
        using var socket = await _listener.AcceptSocketAsync(_run.Token);
        var buffer = new byte[4096];
        if (answerConnect)
        {
            await socket.ReceiveAsync(buffer, _run.Token);
            await socket.SendAsync(Connack, _run.Token);
        }

        try
        {
            while (await socket.ReceiveAsync(buffer, _run.Token) > 0)
            {
            }
        }
        catch (OperationCanceledException) when (_run.IsCancellationRequested)
        {
            // The test is over; the peer goes with it.
        }
    }
}
