using Valmetal.DeviceContract.Messages;

namespace Valmetal.Telemetry.Alarms;

/// <summary>An alarm raised, escalated or cleared by a batch, to push to signed-in users once committed.</summary>
public sealed record AlarmChange(string Thing, AlarmNotice Notice);

/// <summary>A condition that holds now and must have an open alarm.</summary>
public sealed record AlarmRaise(string Thing, string Kind, string Source, string Severity, string Message, DateTimeOffset RaisedAt,
    double? Value = null, double? Threshold = null);

/// <summary>A condition that ended: its open alarm, if any, clears.</summary>
public sealed record AlarmClear(string Thing, string Kind, string Source);
