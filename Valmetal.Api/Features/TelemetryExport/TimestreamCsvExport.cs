using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Valmetal.AwsHttp.Timestream;
using Valmetal.TimeSeries;

namespace Valmetal.Api.Features.TelemetryExport;

/// <summary>
/// Writes raw points as CSV from Timestream, page by page as its Query answers them: one row per device and instant
/// holds the instant's metrics, each written as its own CSV row, in the same order and format as PostgreSQL's export.
/// </summary>
public sealed class TimestreamCsvExport(IHttpClientFactory http, TimestreamEndpoints<TimestreamQueryClient> endpoints, IOptions<TimeSeriesOptions> options)
    : IPointExport
{
    public async Task WriteAsync(Stream body, string thing, ExportRequest request, IReadOnlyDictionary<string, string> units, CancellationToken ct)
    {
        var client = new TimestreamQueryClient(http.CreateClient(nameof(TimestreamQueryClient)), endpoints);
        var metrics = request.Metrics.Order(StringComparer.Ordinal).ToList();
        while (metrics.Count > 0)
        {
            // The first page is read before anything is written: a refusal is still a problem response, not a cut file.
            var rows = client.QueryAsync(Sql(thing, request, metrics), ct: ct).GetAsyncEnumerator(ct);
            try
            {
                bool any;
                try
                {
                    any = await rows.MoveNextAsync();
                }
                catch (TimestreamRefusedException ex) when (metrics.FirstOrDefault(m => TimestreamTelemetry.IsUnknownColumn(ex, m)) is { } unsent)
                {
                    // A metric no unit has sent yet has no column in the table, and no points to export.
                    metrics.Remove(unsent);
                    continue;
                }

                await WriteRowsAsync(body, any ? rows : null, metrics, units, ct);
                return;
            }
            finally
            {
                await rows.DisposeAsync();
            }
        }

        await WriteRowsAsync(body, null, metrics, units, ct);
    }

    private static async Task WriteRowsAsync(
        Stream body, IAsyncEnumerator<IReadOnlyList<string?>>? rows, List<string> metrics, IReadOnlyDictionary<string, string> units, CancellationToken ct)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(false), 64 * 1024);
        await writer.WriteLineAsync(CsvExport.Header);
        var written = 0;
        while (rows is not null)
        {
            var row = rows.Current;
            var ts = TimestreamTelemetry.ParseTime(row[0]!);
            for (var i = 0; i < metrics.Count; i++)
            {
                if (row[i + 1] is { } value)
                {
                    await writer.WriteLineAsync(CsvExport.Line(ts, metrics[i], double.Parse(value, CultureInfo.InvariantCulture), units[metrics[i]]));
                    if (++written % CsvExport.RowsPerFlush == 0)
                    {
                        await writer.FlushAsync(ct);
                    }
                }
            }

            if (!await rows.MoveNextAsync())
            {
                break;
            }
        }
    }

    private string Sql(string thing, ExportRequest request, List<string> metrics)
    {
        var columns = metrics.Select(TimestreamTelemetry.Identifier).ToList();
        return string.Create(CultureInfo.InvariantCulture, $"""
            SELECT time, {string.Join(", ", columns)}
            FROM {TimestreamTelemetry.Table(options.Value)}
            WHERE {TimestreamTelemetry.Identifier(TimestreamTelemetry.ThingDimension)} = {TimestreamTelemetry.Literal(thing)}
              AND measure_name = {TimestreamTelemetry.Literal(TimestreamTelemetry.MeasureName)}
              AND time >= {TimestreamTelemetry.Time(request.From)} AND time < {TimestreamTelemetry.Time(request.To)}
              AND ({string.Join(" OR ", columns.Select(c => c + " IS NOT NULL"))})
            ORDER BY time
            """);
    }
}
