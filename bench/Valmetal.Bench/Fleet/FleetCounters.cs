using System.Net.Sockets;
using System.Collections.Concurrent;
using Valmetal.BrokerClient;

namespace Valmetal.Bench.Fleet;

/// <summary>What the whole fleet's connections did, counted as it happens (every device adds to these at once).</summary>
public sealed class FleetCounters
{
    private readonly ConcurrentDictionary<string, int> _connectFailures = new();
    private int _connected;
    private long _taken;
    private long _notYetTaken;
    private long _refused;
    private long _publishFailures;

    public int ConnectedNow => Volatile.Read(ref _connected);
    public long Taken => Interlocked.Read(ref _taken);
    public long NotYetTaken => Interlocked.Read(ref _notYetTaken);
    public long Refused => Interlocked.Read(ref _refused);
    public long PublishFailures => Interlocked.Read(ref _publishFailures);

    /// <summary>Failed connection attempts by cause, e.g. "MqttCommunicationException 812".</summary>
    public string ConnectFailures => _connectFailures.IsEmpty ? "none" : string.Join(", ", _connectFailures.Select(f => $"{f.Key} {f.Value}"));

    public void Connected() => Interlocked.Increment(ref _connected);

    public void Disconnected() => Interlocked.Decrement(ref _connected);

    /// <summary>Counted by kind; a socket error by its code too, since refused, reset and timed out mean different things.</summary>
    public void ConnectFailed(Exception ex) => _connectFailures.AddOrUpdate(ex.GetBaseException() switch
    {
        SocketException socket => $"{nameof(SocketException)} ({socket.SocketErrorCode})",
        var cause => cause.GetType().Name,
    }, 1, (_, n) => n + 1);

    /// <summary>The publish counts start again from zero: the warm-up's publishes are not the window's.</summary>
    public void StartWindow()
    {
        Interlocked.Exchange(ref _taken, 0);
        Interlocked.Exchange(ref _notYetTaken, 0);
        Interlocked.Exchange(ref _refused, 0);
        Interlocked.Exchange(ref _publishFailures, 0);
    }

    public void PublishFailed() => Interlocked.Increment(ref _publishFailures);

    public void Answered(PublishAnswer answer)
    {
        switch (answer)
        {
            case PublishAnswer.Taken:
                Interlocked.Increment(ref _taken);
                break;
            case PublishAnswer.NotYetTaken:
                Interlocked.Increment(ref _notYetTaken);
                break;
            default:
                Interlocked.Increment(ref _refused);
                break;
        }
    }
}
