using System.Diagnostics;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Protocol;
using Valmetal.BrokerClient;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.Connection;

namespace Valmetal.Bench.Fleet;

/// <summary>
/// One device of the fleet, as the device contract asks: its own certificate and client id, QoS 1, every sample kept
/// until a PUBACK takes it (sent again after "nobody took it yet" or a lost link), and reconnection under the
/// contract's jittered backoff. Samples are taken on a fixed schedule whatever the link does, so an outage shows as a
/// backlog to backfill, never as a gap.
/// </summary>
public sealed class FleetDevice : IDisposable
{
    /// <summary>Publishes in flight at once while backfilling.</summary>
    private const int Inflight = 16;

    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly FleetUnit _unit;
    private readonly FleetCounters _counters;
    private readonly MqttClientOptions _options;
    private readonly ReconnectSchedule _reconnect;
    private readonly List<(long Seq, DateTime Ts)> _buffer = [];
    private readonly string _topic;

    private long _generated;
    private int _connected;

    public FleetDevice(FleetUnit unit, FleetCounters counters, Random random)
    {
        (_unit, _counters, _topic) = (unit, counters, Topics.Telemetry(unit.Thing));
        _options = BrokerClientOptions.CreateBuilder(unit.Identity, unit.Thing).WithCleanStart(true).Build();
        _reconnect = new ReconnectSchedule(ReconnectBackoff.Default, random);
        _client.DisconnectedAsync += _ =>
        {
            if (Interlocked.Exchange(ref _connected, 0) == 1)
            {
                counters.Disconnected();
            }

            return Task.CompletedTask;
        };
    }

    public FleetUnit Unit => _unit;

    /// <summary>Samples taken; each acknowledged one must end up stored.</summary>
    public long Generated
    {
        get
        {
            lock (_buffer)
            {
                return _generated;
            }
        }
    }

    public int Buffered
    {
        get
        {
            lock (_buffer)
            {
                return _buffer.Count;
            }
        }
    }

    /// <summary>Called with (sample time, publish start as a Stopwatch timestamp) for each sample a PUBACK took.</summary>
    public Action<DateTime, long>? OnTaken { get; init; }

    /// <summary>Connects, retrying under the backoff until it succeeds or <paramref name="ct"/> ends.</summary>
    public async Task ConnectAsync(CancellationToken ct)
    {
        while (!await TryConnectAsync(ct))
        {
            await Task.Delay(_reconnect.WaitFrom(DateTimeOffset.UtcNow), ct);
        }
    }

    /// <summary>
    /// Takes a sample every 1/<paramref name="perSecond"/> s from <paramref name="from"/> (shifted by
    /// <paramref name="phase"/>, so the fleet does not publish in step) until <paramref name="window"/> ends, and meanwhile
    /// sends what is buffered, until the buffer is empty or <paramref name="drainBy"/> is cancelled.
    /// </summary>
    public async Task RunAsync(DateTime from, double perSecond, TimeSpan phase, TimeSpan window, CancellationToken drainBy)
    {
        try
        {
            // Wakes the sender when a sample is taken; completed when this run's sampling ends (a device runs twice: the
            // warm-up, then the window).
            var sampled = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
            await Task.WhenAll(SampleAsync(sampled.Writer, from, TimeSpan.FromSeconds(1 / perSecond), phase, window, drainBy), SendAsync(sampled.Reader, drainBy));
        }
        catch (OperationCanceledException) when (drainBy.IsCancellationRequested)
        {
            // Out of time: what is still buffered was never acknowledged; the run reports it as undelivered.
        }
    }

    /// <summary>
    /// Runs the whole fleet at <paramref name="rate"/> samples/s in total. Each device's phase spreads the fleet's
    /// samples evenly over one interval, as devices switched on at random would.
    /// </summary>
    public static Task RunAllAsync(IReadOnlyList<FleetDevice> devices, DateTime from, int rate, TimeSpan window, CancellationToken drainBy)
    {
        var perDevice = (double)rate / devices.Count;
        var interval = TimeSpan.FromSeconds(1 / perDevice);
        return Task.WhenAll(devices.Select((d, i) => d.RunAsync(from, perDevice, interval * i / devices.Count, window, drainBy)));
    }

    /// <summary>What was never acknowledged: each sample's time.</summary>
    public IReadOnlyList<DateTime> StillBuffered()
    {
        lock (_buffer)
        {
            return _buffer.Select(s => s.Ts).ToList();
        }
    }

    /// <summary>
    /// On the sampling clock alone, as a real device's sensors are: a slow PUBACK or a lost link makes a backlog,
    /// never a later or a missing sample.
    /// </summary>
    private async Task SampleAsync(ChannelWriter<bool> sampled, DateTime from, TimeSpan interval, TimeSpan phase, TimeSpan window, CancellationToken ct)
    {
        try
        {
            var clock = Stopwatch.StartNew();
            for (var due = phase; due < window; due += interval)
            {
                if (due - clock.Elapsed is var wait && wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, ct);
                }

                lock (_buffer)
                {
                    _buffer.Add((_generated, from + due));
                    _generated++;
                }

                sampled.TryWrite(true);
            }
        }
        finally
        {
            sampled.TryComplete();
        }
    }

    /// <summary>Sends whatever is buffered; once sampling has ended, until nothing is left.</summary>
    private async Task SendAsync(ChannelReader<bool> sampled, CancellationToken drainBy)
    {
        while (true)
        {
            await SendBufferedAsync(drainBy);
            if (Buffered > 0)
            {
                // Something was not taken yet, or the link is gone: try again shortly, or when the backoff allows.
                await Task.Delay(_client.IsConnected ? TimeSpan.FromMilliseconds(200) : _reconnect.WaitFrom(DateTimeOffset.UtcNow) + TimeSpan.FromMilliseconds(10), drainBy);
            }
            else if (await sampled.WaitToReadAsync(drainBy))
            {
                sampled.TryRead(out _);
            }
            else if (Buffered == 0)
            {
                return;
            }
        }
    }

    public void Dispose() => _client.Dispose();

    public async Task DisconnectAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build());
        }
    }

    /// <summary>Oldest first, a few in flight; stops at the first sample nobody took, or when the link is gone.</summary>
    private async Task SendBufferedAsync(CancellationToken ct)
    {
        if (!_client.IsConnected && (!_reconnect.IsDue(DateTimeOffset.UtcNow) || !await TryConnectAsync(ct)))
        {
            return;
        }

        while (Buffered > 0)
        {
            List<(long Seq, DateTime Ts)> batch;
            lock (_buffer)
            {
                batch = _buffer.Take(Inflight).ToList();
            }

            var answers = await Task.WhenAll(batch.Select(sample => PublishAsync(sample, ct)));
            // A sample is let go once taken or refused for good; anything else stays at the front, in order. Only this
            // loop takes from the front; the sampler only adds at the end.
            lock (_buffer)
            {
                _buffer.RemoveRange(0, batch.Count);
                _buffer.InsertRange(0, batch.Where((_, i) => answers[i] is null or PublishAnswer.NotYetTaken));
            }

            if (answers.Contains(null) && !_client.IsConnected)
            {
                _reconnect.Failed(DateTimeOffset.UtcNow);
            }

            if (answers.Any(a => a is null or PublishAnswer.NotYetTaken))
            {
                return;
            }
        }
    }

    private async Task<PublishAnswer?> PublishAsync((long Seq, DateTime Ts) sample, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await _client.PublishBoundedAsync(new MqttApplicationMessageBuilder().WithTopic(_topic)
                .WithPayload(BenchPayloads.Telemetry(_unit.Metrics, sample.Seq, sample.Ts))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), ct, DeviceDeadlines.Acknowledgement);
            var answer = PublishAnswers.Classify(result);
            _counters.Answered(answer);
            if (answer == PublishAnswer.Taken)
            {
                OnTaken?.Invoke(sample.Ts, started);
            }

            return answer;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && BoundedCalls.IsLinkFailure(ex))
        {
            _counters.PublishFailed();
            return null;
        }
    }

    private async Task<bool> TryConnectAsync(CancellationToken ct)
    {
        try
        {
            await _client.ConnectBoundedAsync(_options, ct, DeviceDeadlines.ConnectAttempt);
            _reconnect.Connected();
            Interlocked.Exchange(ref _connected, 1);
            _counters.Connected();
            return true;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            _counters.ConnectFailed(ex);
            _reconnect.Failed(DateTimeOffset.UtcNow);
            return false;
        }
    }
}
