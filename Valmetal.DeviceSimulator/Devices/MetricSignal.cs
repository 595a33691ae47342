using Valmetal.DeviceContract.Catalogue;

namespace Valmetal.DeviceSimulator.Devices;

/// <summary>
/// A plausible reading for one metric: a slow swing around a working point well inside the normal band,
/// plus sensor noise, always within the catalogue's valid range.
/// </summary>
public sealed class MetricSignal(MetricDefinition definition, Random random)
{
    private readonly double _low = Math.Max(definition.MinValid, 0);
    private readonly double _high = definition.WarningAbove ?? definition.MaxValid;
    private readonly double _phase = random.NextDouble() * Math.Tau;
    private readonly double _periodSeconds = 60 + random.NextDouble() * 240;

    public string Key => definition.Key;

    public double Read(DateTimeOffset at)
    {
        var span = _high - _low;
        var working = _low + 0.55 * span;
        var swing = 0.15 * span * Math.Sin(at.ToUnixTimeMilliseconds() / 1000.0 / _periodSeconds * Math.Tau + _phase);
        var noise = (random.NextDouble() - 0.5) * 0.04 * span;
        var value = Math.Clamp(working + swing + noise, definition.MinValid, definition.MaxValid);
        return Math.Round(value, 2);
    }
}
