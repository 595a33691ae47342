namespace Valmetal.Api.Features.TelemetryExport;

/// <summary>Writes a range's raw points as CSV to the response, from the configured time-series store.</summary>
public interface IPointExport
{
    Task WriteAsync(Stream body, string thing, ExportRequest request, IReadOnlyDictionary<string, string> units, CancellationToken ct);
}
