namespace Valmetal.TimeSeries.Archive;

/// <summary>One raw point as the archive keeps it (<see cref="Valmetal.DeviceContract.Schema.RawArchive.Columns"/>).</summary>
/// <param name="Timestamp">UTC, to the microsecond, as PostgreSQL stored it.</param>
/// <param name="FarmId">The farm the unit was on when the sample was taken, when that is known (docs/decisions.md).</param>
public readonly record struct ArchivedPoint(string Thing, string Metric, DateTime Timestamp, double Value, string? FarmId);
