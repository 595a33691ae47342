using System.Data;
using System.Globalization;
using Npgsql;
using Polly.Registry;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Api.Infrastructure;

/// <summary>
/// A read that PostgreSQL itself stops after a time (<c>statement_timeout</c>, local to the read's own read-only
/// transaction, so the pooled connection keeps its default): a runaway query ends on the server even if this process
/// stops waiting for it, and answers SQLSTATE 57014, which <see cref="QueryTimeoutExceptionHandler"/> turns into a 503.
/// Each attempt runs through <see cref="ApiPipelines.TransientReads"/>, which runs it again on a dropped connection.
/// </summary>
public sealed class TimedRead : IAsyncDisposable
{
    /// <summary>Local to the transaction, so the pooled connection keeps its default.</summary>
    [Sql]
    private const string LimitStatement = "select set_config('statement_timeout', @timeout, true)";

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private TimedRead(NpgsqlConnection connection, NpgsqlTransaction transaction, NpgsqlDataReader reader) =>
        (_connection, _transaction, Reader) = (connection, transaction, reader);

    public NpgsqlDataReader Reader { get; }

    /// <summary>Runs <paramref name="command"/> (created without a connection) under <paramref name="statementTimeout"/>.</summary>
    public static async Task<TimedRead> ExecuteAsync(
        ResiliencePipelineProvider<string> pipelines, NpgsqlDataSource dataSource, NpgsqlCommand command, TimeSpan statementTimeout,
        CommandBehavior behavior, CancellationToken ct) =>
        await pipelines.GetPipeline(ApiPipelines.TransientReads).ExecuteAsync(
            static (read, token) => AttemptAsync(read.dataSource, read.command, read.statementTimeout, read.behavior, token),
            (dataSource, command, statementTimeout, behavior), ct);

    private static async ValueTask<TimedRead> AttemptAsync(
        NpgsqlDataSource dataSource, NpgsqlCommand command, TimeSpan statementTimeout, CommandBehavior behavior, CancellationToken ct)
    {
        NpgsqlConnection? connection = null;
        NpgsqlTransaction? transaction = null;
        try
        {
            connection = await dataSource.OpenConnectionAsync(ct);
            transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
            await using (var limit = new NpgsqlCommand(LimitStatement, connection, transaction))
            {
                limit.Parameters.AddWithValue("timeout", ((long)statementTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
                await limit.ExecuteNonQueryAsync(ct);
            }

            command.Connection = connection;
            command.Transaction = transaction;
            // The server's timeout comes first; the client's is only a backstop for a connection that went silent.
            command.CommandTimeout = (int)Math.Ceiling(statementTimeout.TotalSeconds) + 5;
            return new TimedRead(connection, transaction, await command.ExecuteReaderAsync(behavior, ct));
        }
        catch (Exception ex)
        {
            if (ApiPipelines.IsTransientRead(ex))
            {
                // The other idle connections died with the same server: drop them rather than fail on each in turn.
                dataSource.Clear();
            }

            if (connection is not null)
            {
                await DisposeAsync(connection, transaction);
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Reader.DisposeAsync();
        await DisposeAsync(_connection, _transaction);
    }

    /// <summary>Nothing was written: the transaction ends with the connection's return to the pool.</summary>
    private static async ValueTask DisposeAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        if (transaction is not null)
        {
            await transaction.DisposeAsync();
        }

        await connection.DisposeAsync();
    }
}
