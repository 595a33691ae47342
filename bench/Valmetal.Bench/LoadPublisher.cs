using System.Diagnostics;
using MQTTnet;
using MQTTnet.Protocol;
using Valmetal.BrokerClient;
using Valmetal.DeviceContract.Catalogue;

namespace Valmetal.Bench;

/// <summary>
/// One device's connection publishing QoS 1 telemetry as fast as the broker acknowledges (or at a fixed rate),
/// with a bounded number of publishes in flight. Each message carries 3 metrics and its own timestamp.
/// </summary>
public sealed class LoadPublisher(string thing, BrokerConnectionOptions identity, MetricDefinition[] metrics, int inflight) : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private long _acknowledged;
    private static readonly TimeSpan PubackTimeout = TimeSpan.FromSeconds(30);
    private long _refused;
    private long _unanswered;

    public string Thing => thing;

    /// <summary>The first of the 3 metrics each message carries; all 3 commit in the same batch.</summary>
    public string FirstMetric => metrics[0].Key;
    public long Acknowledged => Interlocked.Read(ref _acknowledged);
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Publishes whose PUBACK did not come within 30 s.</summary>
    public long Unanswered => Interlocked.Read(ref _unanswered);

    /// <summary>Timestamps of the published messages' samples: point identity is (thing, metric, ts).</summary>
    public DateTime FirstTimestamp { get; private set; }

    public async Task ConnectAsync(string clientId) =>
        await _client.ConnectAsync(BrokerClientOptions.CreateBuilder(identity, clientId).WithCleanStart(true).Build());

    /// <param name="perSecond">0 for as fast as possible.</param>
    /// <param name="onPublished">Called with (seq, sample time, publish time) after each PUBACK.</param>
    public async Task RunAsync(string topic, DateTime firstTimestamp, double perSecond, TimeSpan duration, Action<long, DateTime, long>? onPublished, CancellationToken ct)
    {
        FirstTimestamp = firstTimestamp;
        using var gate = new SemaphoreSlim(inflight);
        var clock = Stopwatch.StartNew();
        var pending = new List<Task>();
        for (long seq = 0; clock.Elapsed < duration && !ct.IsCancellationRequested; seq++)
        {
            if (perSecond > 0)
            {
                // Read the clock once: checked and subtracted separately, it can move past the due time in between.
                var wait = TimeSpan.FromSeconds(seq / perSecond) - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, ct);
                }
            }

            await gate.WaitAsync(ct);
            var sampleTime = firstTimestamp.AddTicks(seq * 10); // 1 µs apart: every message is a new point
            var payload = BenchPayloads.Telemetry(metrics, seq, sampleTime);
            var sent = Stopwatch.GetTimestamp();
            var sequence = seq;
            pending.Add(PublishAsync(topic, payload, gate, () => onPublished?.Invoke(sequence, sampleTime, sent)));
            if (pending.Count > 4 * inflight)
            {
                pending.RemoveAll(t => t.IsCompleted);
            }
        }

        await Task.WhenAll(pending);
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build());
        }

        _client.Dispose();
    }

    private async Task PublishAsync(string topic, byte[] payload, SemaphoreSlim gate, Action published)
    {
        try
        {
            // A PUBACK that never comes must not hold the run open: it counts as not taken.
            using var patience = new CancellationTokenSource(PubackTimeout);
            var result = await _client.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), patience.Token);
            if (PublishAnswers.Classify(result) == PublishAnswer.Taken)
            {
                Interlocked.Increment(ref _acknowledged);
                published();
            }
            else
            {
                Interlocked.Increment(ref _refused);
            }
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _unanswered);
        }
        finally
        {
            gate.Release();
        }
    }
}
