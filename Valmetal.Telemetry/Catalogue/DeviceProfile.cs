using Valmetal.DeviceContract.Catalogue;

namespace Valmetal.Telemetry.Catalogue;

/// <summary>What ingestion needs to know about one thing: its farm and its model's metric catalogue.</summary>
public sealed record DeviceProfile(
    string Thing,
    Guid FarmId,
    string ModelCode,
    IReadOnlyDictionary<string, MetricDefinition> Metrics);
