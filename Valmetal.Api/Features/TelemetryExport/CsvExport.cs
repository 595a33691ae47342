using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly.Registry;
using Valmetal.Api.Infrastructure;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Api.Features.TelemetryExport;

/// <summary>
/// Writes raw points as CSV straight from a PostgreSQL cursor to the response: memory stays flat however long the
/// range, and the first rows reach the browser before the last are read.
/// </summary>
public sealed class CsvExport(NpgsqlDataSource dataSource, ResiliencePipelineProvider<string> pipelines, IOptions<TelemetryReadOptions> options) : IPointExport
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
        await using var command = new NpgsqlCommand(Sql);
        command.Parameters.AddWithValue("thing", thing);
        command.Parameters.AddWithValue("metrics", request.Metrics.ToArray());
        command.Parameters.AddWithValue("from", request.From.UtcDateTime);
        command.Parameters.AddWithValue("to", request.To.UtcDateTime);
        // The query runs before anything is written: a refusal (a timeout) can still be a problem response, not a cut file.
        await using var read = await TimedRead.ExecuteAsync(pipelines, dataSource, command, options.Value.ExportStatementTimeout, System.Data.CommandBehavior.SequentialAccess, ct);
        var reader = read.Reader;
        await using var writer = new StreamWriter(body, new UTF8Encoding(false), 64 * 1024);
        await writer.WriteLineAsync(Header);
        var rows = 0;
        while (await reader.ReadAsync(ct))
        {
            // Sequential access: columns are read in their order, once each.
            var ts = reader.GetDateTime(0);
            var metric = reader.GetString(1);
            var value = reader.GetDouble(2);
            await writer.WriteLineAsync(Line(ts, metric, value, units[metric]));
            if (++rows % RowsPerFlush == 0)
            {
                await writer.FlushAsync(ct);
            }
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
