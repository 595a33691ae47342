using Npgsql;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Bench.Web;

/// <summary>
/// Thirty days of history for one device, written into the minute and hour rollups the history API reads for long
/// ranges (raw points that old would sit in partitions the retention drops anyway). One wave per minute: a day's cycle.
/// </summary>
public static class HistorySeeder
{
    private const string Sql = $"""
        with series as (
            select m as metric, b as bucket, 40 + 25 * sin(extract(epoch from b) / 86400 * 2 * pi()) + random() * 5 as value
            from unnest(@metrics) m, generate_series(date_trunc('minute', now() - interval '30 days'), date_trunc('minute', now()) - interval '1 hour', interval '1 minute') b
        ),
        minutes as (
            insert into {Tables.RollupsMinute} (thing, metric, bucket, min, max, sum, count)
            select @thing, metric, bucket, value - 2, value + 2, value * 60, 60 from series
            on conflict (thing, metric, bucket) do nothing
        )
        insert into {Tables.RollupsHour} (thing, metric, bucket, min, max, sum, count)
        select @thing, metric, date_trunc('hour', bucket), min(value) - 2, max(value) + 2, sum(value * 60), 3600 from series group by 1, 2, 3
        on conflict (thing, metric, bucket) do nothing
        """;

    public static async Task SeedAsync(string connectionString, string thing, string[] metrics)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(Sql, connection) { CommandTimeout = 300 };
        command.Parameters.AddWithValue("thing", thing);
        command.Parameters.AddWithValue("metrics", metrics);
        await command.ExecuteNonQueryAsync();
    }
}
