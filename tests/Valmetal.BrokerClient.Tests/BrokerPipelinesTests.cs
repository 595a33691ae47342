using System.Security.Cryptography;
using MQTTnet;
using MQTTnet.Exceptions;
using Microsoft.Extensions.DependencyInjection;
using Valmetal.TestSupport;

namespace Valmetal.BrokerClient.Tests;

/// <summary>The reconnect pipeline a service's broker session runs through, as <see cref="BrokerPipelines"/> registers it.</summary>
public sealed class BrokerPipelinesTests : IDisposable
{
    private readonly PipelineProbe _probe = new(services => services.AddBrokerPipelines());

    public void Dispose() => _probe.Dispose();

    [Fact]
    public async Task A_link_failure_is_tried_again_until_the_connect_succeeds()
    {
        var attempts = 0;

        await _probe.CompleteAsync(_probe.Pipeline(BrokerPipelines.Reconnect).ExecuteAsync(_ =>
            ++attempts < 4 ? throw new MqttCommunicationException("broker unreachable") : ValueTask.CompletedTask));

        Assert.Equal(4, attempts);
        Assert.Equal(3, _probe.Delays.Count);
    }

    [Fact]
    public async Task A_failure_that_is_not_the_link_is_not_tried_again()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<CryptographicException>(() => _probe.CompleteAsync(_probe.Pipeline(BrokerPipelines.Reconnect).ExecuteAsync(_ =>
        {
            attempts++;
            throw new CryptographicException("the client certificate cannot be read");
        })));

        Assert.Equal(1, attempts);
        Assert.Empty(_probe.Delays);
    }

    [Fact]
    public async Task Delays_start_under_a_second_and_grow_to_ten_seconds_but_no_further()
    {
        var attempts = 0;

        await _probe.CompleteAsync(_probe.Pipeline(BrokerPipelines.Reconnect).ExecuteAsync(_ =>
            ++attempts <= 40 ? throw new MqttCommunicationTimedOutException() : ValueTask.CompletedTask));

        var delays = _probe.Delays;
        Assert.Equal(40, delays.Count);
        Assert.True(delays[0] < TimeSpan.FromSeconds(1), $"first delay {delays[0]}");
        Assert.All(delays, delay => Assert.InRange(delay, TimeSpan.Zero, TimeSpan.FromSeconds(10)));
        // Jitter spreads each delay, but past the first few doublings the cap is what decides them.
        var capped = delays.Skip(20).Order().ToList();
        Assert.Equal(TimeSpan.FromSeconds(10), capped[capped.Count / 2]);
    }

    [Fact]
    public async Task A_session_reports_each_refused_connect_and_ends_when_its_service_stops()
    {
        var port = PipelineProbe.RefusingPort();
        using var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithTimeout(TimeSpan.FromSeconds(5)).Build();
        var failure = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stopping = new CancellationTokenSource();
        var session = _probe.Services.GetRequiredService<BrokerSession>();

        var running = session.KeepConnectedAsync(client, options, _ => Task.CompletedTask, ex => failure.TrySetResult(ex), stopping.Token);

        Assert.True(BoundedCalls.IsLinkFailure(await failure.Task.WaitAsync(TimeSpan.FromSeconds(20))));
        Assert.False(client.IsConnected);
        await stopping.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
