namespace Valmetal.DeviceContract.Messages;

/// <summary>A metric's latest value and when the device measured it: kept in the device's live state, shown by the API.</summary>
public sealed record MetricReading(double Value, DateTimeOffset Ts);
