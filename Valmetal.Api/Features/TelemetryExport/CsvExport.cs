using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly.Registry;
using Valmetal.Api.Infrastructure;
using Valmetal.DeviceContract.Schema;
using Valmetal.TimeSeries.Archive;

namespace Valmetal.Api.Features.TelemetryExport;

/// <summary>
/// Writes raw points as CSV straight from a PostgreSQL cursor to the response: memory stays flat however long the
/// range, and the first rows reach the browser before the last are read. Days past the raw retention come from the
/// S3 archive, a day at a time (<see cref="ExportSegment"/>), in the same order and format.
/// </summary>
public sealed class CsvExport(
    NpgsqlDataSource dataSource, ResiliencePipelineProvider<string> pipelines, IOptions<TelemetryReadOptions> options,
    ArchiveObjects archive, TimeProvider time) : IPointExport
{
    public const string Header = "timestamp_utc,metric,value,unit";

    /// <summary>Rows written between flushes, so a long export reaches the browser as it is read.</summary>
    public const int RowsPerFlush = 5000;

    [Sql]
    private const string Sql = $"""
        select ts, metric, value
        from {Tables.Points}
        where thing = @thing and metric = any(@metrics) and ts >= @from and ts < @to
        order by ts, metric
        """;

    public async Task WriteAsync(Stream body, string thing, ExportRequest request, IReadOnlyDictionary<string, string> units, CancellationToken ct)
    {
        // Planned, and the first segment opened, before anything is written: a refusal (a timeout, S3 unreachable) can
        // still be a problem response, not a cut file.
        var segments = await ExportSegment.PlanAsync(request, archive, options.Value, time, ct);
        StreamWriter? writer = null;
        try
        {
            var rows = 0;
            foreach (var segment in segments)
            {
                if (segment.Archived is not null)
                {
                    var points = await ArchivedDay.ReadAsync(archive, segment, thing, request.Metrics, ct);
                    writer ??= await StartAsync(body);
                    foreach (var point in points)
                    {
                        await WriteRowAsync(writer, Line(point.Timestamp, point.Metric, point.Value, units[point.Metric]), ++rows, ct);
                    }

                    continue;
                }

                await using var command = HotQuery(thing, request.Metrics, segment);
                await using var read = await TimedRead.ExecuteAsync(pipelines, dataSource, command, options.Value.ExportStatementTimeout, System.Data.CommandBehavior.SequentialAccess, ct);
                writer ??= await StartAsync(body);
                var reader = read.Reader;
                while (await reader.ReadAsync(ct))
                {
                    // Sequential access: columns are read in their order, once each.
                    var ts = reader.GetDateTime(0);
                    var metric = reader.GetString(1);
                    var value = reader.GetDouble(2);
                    await WriteRowAsync(writer, Line(ts, metric, value, units[metric]), ++rows, ct);
                }
            }
        }
        finally
        {
            if (writer is not null)
            {
                await writer.DisposeAsync();
            }
        }
    }

    private static NpgsqlCommand HotQuery(string thing, IReadOnlyList<string> metrics, ExportSegment segment)
    {
        var command = new NpgsqlCommand(Sql);
        command.Parameters.AddWithValue("thing", thing);
        command.Parameters.AddWithValue("metrics", metrics.ToArray());
        command.Parameters.AddWithValue("from", segment.From.UtcDateTime);
        command.Parameters.AddWithValue("to", segment.To.UtcDateTime);
        return command;
    }

    private static async Task<StreamWriter> StartAsync(Stream body)
    {
        var writer = new StreamWriter(body, new UTF8Encoding(false), 64 * 1024);
        await writer.WriteLineAsync(Header);
        return writer;
    }

    private static async Task WriteRowAsync(StreamWriter writer, string line, int rows, CancellationToken ct)
    {
        await writer.WriteLineAsync(line);
        if (rows % RowsPerFlush == 0)
        {
            await writer.FlushAsync(ct);
        }
    }

    /// <summary>One point's row.</summary>
    public static string Line(DateTime ts, string metric, double value, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{ts:yyyy-MM-ddTHH:mm:ss.fffZ},{metric},{value:R},{Escape(unit)}");

    /// <summary>Units are admin-entered text: quote anything that could break a column, and defuse a leading
    /// formula character so a spreadsheet shows the text instead of running it.</summary>
    internal static string Escape(string text)
    {
        var formula = text.Length > 0 && "=+-@".Contains(text[0], StringComparison.Ordinal);
        if (!formula && text.IndexOfAny([',', '"', '\n', '\r']) < 0)
        {
            return text;
        }

        return "\"" + (formula ? "'" : string.Empty) + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
