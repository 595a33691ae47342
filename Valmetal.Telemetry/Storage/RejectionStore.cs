using Npgsql;

namespace Valmetal.Telemetry.Storage;

/// <summary>Keeps refused messages with their reasons for operators (the admin app lists them).</summary>
public static class RejectionStore
{
    private const string Insert = """
        insert into telemetry.rejected_messages (received_at, topic, thing, reason, detail, payload_bytes, payload_excerpt)
        select * from unnest(@received_at, @topic, @thing, @reason, @detail, @payload_bytes, @payload_excerpt)
        """;

    public static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<RejectedMessage> rejections, CancellationToken ct)
    {
        if (rejections.Count == 0)
        {
            return;
        }

        await using var insert = new NpgsqlCommand(Insert, connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter<DateTime[]>("received_at", rejections.Select(r => r.ReceivedAt.UtcDateTime).ToArray()));
        insert.Parameters.Add(new NpgsqlParameter<string[]>("topic", rejections.Select(r => r.Topic).ToArray()));
        insert.Parameters.Add(new NpgsqlParameter<string?[]>("thing", rejections.Select(r => r.Thing).ToArray()));
        insert.Parameters.Add(new NpgsqlParameter<string[]>("reason", rejections.Select(r => r.Reason).ToArray()));
        insert.Parameters.Add(new NpgsqlParameter<string[]>("detail", rejections.Select(r => r.Detail).ToArray()));
        insert.Parameters.Add(new NpgsqlParameter<int[]>("payload_bytes", rejections.Select(r => r.PayloadBytes).ToArray()));
        insert.Parameters.Add(new NpgsqlParameter<string[]>("payload_excerpt", rejections.Select(r => r.PayloadExcerpt).ToArray()));
        await insert.ExecuteNonQueryAsync(ct);
    }
}
