using System.Text.Json;
using Npgsql;
using Valmetal.DeviceContract.Rejections;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.EndToEnd.Tests.Platform;

/// <summary>A device's rows of telemetry.rejections (one per reason and minute), read as operators' tools read them.</summary>
public sealed record Rejections(string Reason, long Count, long Messages, string Detail, IReadOnlyList<RejectionSample> Samples)
{
    public static async Task<List<Rejections>> OfAsync(PlatformFixture platform, string thing, DateTimeOffset since)
    {
        await using var db = new NpgsqlConnection(await platform.DatabaseConnectionStringAsync());
        await db.OpenAsync();
        await using var query = new NpgsqlCommand($"""
            select reason, count, messages, detail, samples::text from {Tables.Rejections}
            where thing = @thing and last_at >= @since order by minute
            """, db);
        query.Parameters.AddWithValue("thing", thing);
        query.Parameters.AddWithValue("since", since.UtcDateTime);
        var rows = new List<Rejections>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new Rejections(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3),
                JsonSerializer.Deserialize<List<RejectionSample>>(reader.GetString(4))!));
        }

        return rows;
    }

    public static long CountOf(IEnumerable<Rejections> rows, string reason) => rows.Where(r => r.Reason == reason).Sum(r => r.Count);
}
