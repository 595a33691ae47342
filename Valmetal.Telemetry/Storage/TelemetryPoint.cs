namespace Valmetal.Telemetry.Storage;

/// <summary>One stored sample; (Thing, Metric, Timestamp) is its identity, so storing it twice is a no-op.</summary>
public readonly record struct TelemetryPoint(string Thing, string Metric, DateTime Timestamp, double Value);
