using System.Text.Json.Nodes;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.Messages;
using Valmetal.DeviceSimulator.Incidents;

namespace Valmetal.DeviceSimulator.Devices;

/// <summary>
/// Faults and overheats. The fault the device is in and the fault the platform was last told about are kept apart,
/// so a change lost to a dropped link is announced on the next tick instead of leaving an alarm open forever.
/// </summary>
public sealed partial class SimulatedDevice
{
    private readonly IncidentSchedule _faults;
    private readonly IncidentSchedule _overheats;
    private DeviceFault? _fault;
    private DeviceFault? _announcedFault;

    private async Task ReconcileFaultAsync(DateTimeOffset now, CancellationToken ct)
    {
        await _faultGate.WaitAsync(ct);
        try
        {
            if (_options.Faults)
            {
                switch (_faults.Advance(now))
                {
                    case IncidentChange.Started:
                        _fault = DeviceFault.Pick(_model.Kind, _random);
                        break;
                    case IncidentChange.Ended:
                        _fault = null;
                        break;
                }
            }

            await AnnounceFaultAsync(ct);
        }
        finally
        {
            _faultGate.Release();
        }
    }

    /// <summary>What an operator's <c>reset_fault</c> does: the fault clears now, whatever its schedule said.</summary>
    private async Task<string> ResetFaultAsync(DateTimeOffset now, CancellationToken ct)
    {
        await _faultGate.WaitAsync(ct);
        try
        {
            var cleared = _fault;
            _fault = null;
            _faults.EndNow(now);
            await AnnounceFaultAsync(ct);
            return cleared is null ? "no fault was active" : $"fault {cleared.Code} cleared";
        }
        finally
        {
            _faultGate.Release();
        }
    }

    private async Task AnnounceFaultAsync(CancellationToken ct)
    {
        if (_fault == _announcedFault)
        {
            return;
        }

        var now = DateTimeOffset.UtcNow;
        if (_announcedFault is { } previous)
        {
            await PublishAsync(Topics.Events(Thing), new EventPayload(now, previous.Code, previous.Severity, Active: false, previous.Message), retain: false, ct);
            LogFaultCleared(Thing, previous.Code);
        }

        if (_fault is { } current)
        {
            await PublishAsync(Topics.Events(Thing), new EventPayload(now, current.Code, current.Severity, Active: true, current.Message), retain: false, ct);
            LogFaultRaised(Thing, current.Code, current.Message);
        }

        await PublishAsync(Topics.State(Thing), new StatePayload(new JsonObject
        {
            ["mode"] = _fault is null ? "auto" : "fault",
            ["fault_code"] = _fault?.Code,
        }, NextStateVersion()), retain: false, ct);
        _announcedFault = _fault;
    }

    /// <summary>While an overheat lasts, the motor temperature reads between its warning and critical thresholds.</summary>
    private void ApplyOverheat(DateTimeOffset now, Dictionary<string, double> metrics)
    {
        if (!_options.Overheats || Overheat.MetricOf(_model) is not { } metric)
        {
            return;
        }

        var change = _overheats.Advance(now);
        if (change != IncidentChange.None)
        {
            LogOverheat(Thing, change == IncidentChange.Started ? "starts running hot" : "cooled down");
        }

        if (_overheats.IsActive)
        {
            metrics[metric.Key] = Overheat.Reading(metric, _random);
        }
    }

    [LoggerMessage(LogLevel.Information, "{Thing} raised fault {Code}: {Message}")]
    private partial void LogFaultRaised(string thing, string code, string message);

    [LoggerMessage(LogLevel.Information, "{Thing} cleared fault {Code}")]
    private partial void LogFaultCleared(string thing, string code);

    [LoggerMessage(LogLevel.Information, "{Thing} motor {Change}")]
    private partial void LogOverheat(string thing, string change);
}
