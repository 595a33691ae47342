using Valmetal.DeviceContract.Commands;
using Npgsql;
using Valmetal.DeviceContract.Schema;
using Valmetal.Telemetry.Pipeline;

namespace Valmetal.Telemetry.Storage;

/// <summary>Records devices' answers to commands in the API's <c>device_commands</c> table.</summary>
public static class CommandAnswerStore
{
    /// <summary>
    /// A command moves forward only: pending → accepted/succeeded/failed/rejected, accepted → succeeded/failed; an answer
    /// to a command past its expiry marks it expired.
    /// </summary>
    [Sql]
    private const string RecordAnswer = $"""
        update {Tables.DeviceCommands}
        set status = case when status = '{Pending}' and expires_at < now() then '{Expired}' else @status end,
            detail = @detail, updated_at = now()
        where id = @id and serial_number = @thing
          and (status = '{Pending}' or (status = '{Accepted}' and @status in ('{Succeeded}', '{Failed}')))
        """;

    // The API stores a status as its name (DeviceCommandConfiguration); the statement is built from the same names.
    private const string Pending = nameof(CommandStatus.Pending);
    private const string Accepted = nameof(CommandStatus.Accepted);
    private const string Succeeded = nameof(CommandStatus.Succeeded);
    private const string Failed = nameof(CommandStatus.Failed);
    private const string Expired = nameof(CommandStatus.Expired);

    public static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<CommandAnswer> answers, CancellationToken ct)
    {
        foreach (var answer in answers)
        {
            await using var update = new NpgsqlCommand(RecordAnswer, connection, transaction);
            update.Parameters.AddWithValue("status", answer.Status.ToString());
            update.Parameters.AddWithValue("detail", (object?)answer.Detail ?? DBNull.Value);
            update.Parameters.AddWithValue("id", answer.CommandId);
            update.Parameters.AddWithValue("thing", answer.Thing);
            await update.ExecuteNonQueryAsync(ct);
        }
    }
}
