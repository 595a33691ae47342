namespace Valmetal.Telemetry.Alarms;

/// <summary>A fault (or other condition) a device reported on its events topic, becoming active or inactive.</summary>
public sealed record DeviceEvent(string Thing, DateTimeOffset Ts, string Code, string Severity, bool Active, string? Message);
