using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace Valmetal.Bench;

/// <summary>
/// One .NET process's gc-heap-size and gc-committed (MB), from a System.Runtime counter session kept open for the
/// whole run; the latest values reported (every 10 s).
/// </summary>
public sealed class GcCounters : IDisposable
{
    private static readonly TimeSpan FirstValuesWait = TimeSpan.FromSeconds(15);
    private readonly EventPipeSession _session;
    private readonly EventPipeEventSource _source;
    private readonly Task _reading;
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private double? _heap;
    private double? _committed;

    private GcCounters(EventPipeSession session)
    {
        _session = session;
        _source = new EventPipeEventSource(session.EventStream);
        _source.Dynamic.All += e =>
        {
            if (e.EventName != "EventCounters" || e.PayloadValue(0) is not IDictionary<string, object> outer
                || outer["Payload"] is not IDictionary<string, object> payload)
            {
                return;
            }

            var value = Convert.ToDouble(payload["Mean"], CultureInfo.InvariantCulture);
            lock (_gate)
            {
                switch ((string)payload["Name"])
                {
                    case "gc-heap-size": _heap = value; break;
                    case "gc-committed": _committed = value; break;
                    default: return;
                }

                if (_heap is not null && _committed is not null)
                {
                    _first.TrySetResult();
                }
            }
        };
        _reading = Task.Run(_source.Process);
    }

    public double? HeapMegabytes
    {
        get
        {
            lock (_gate)
            {
                return _heap;
            }
        }
    }

    public double? CommittedMegabytes
    {
        get
        {
            lock (_gate)
            {
                return _committed;
            }
        }
    }

    /// <summary>Opens the session and waits (up to 15 s) for the first values, so the first sample has them.</summary>
    public static async Task<GcCounters> StartAsync(int pid)
    {
        var provider = new EventPipeProvider("System.Runtime", EventLevel.Informational, 0xFFFFFFFF,
            new Dictionary<string, string> { ["EventCounterIntervalSec"] = "10" });
        var session = await new DiagnosticsClient(pid).StartEventPipeSessionAsync([provider], requestRundown: false, circularBufferMB: 4, token: CancellationToken.None);
        var counters = new GcCounters(session);
        await Task.WhenAny(counters._first.Task, Task.Delay(FirstValuesWait));
        return counters;
    }

    /// <summary>Ends the session; a process that already exited has ended it itself.</summary>
    public void Dispose()
    {
        try
        {
            _session.Stop();
        }
        catch (ServerNotAvailableException)
        {
            // The process is gone, and its session with it.
        }

        _reading.Wait(TimeSpan.FromSeconds(5));
        _source.Dispose();
        _session.Dispose();
    }
}
