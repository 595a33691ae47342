using System.Data;
using System.Globalization;
using Npgsql;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Api.Infrastructure;

/// <summary>
/// A read that PostgreSQL itself stops after a time (<c>statement_timeout</c>, local to the read's own read-only
/// transaction, so the pooled connection keeps its default): a runaway query ends on the server even if this process
/// stops waiting for it, and answers SQLSTATE 57014, which <see cref="QueryTimeoutExceptionHandler"/> turns into a 503.
/// A connection PostgreSQL dropped (a restart or a failover ends every pooled connection) is retried, since a read run
/// twice is harmless; a timeout is not.
/// </summary>
public sealed class TimedRead : IAsyncDisposable
{
    private static readonly TimeSpan[] Pauses = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2)];

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
        NpgsqlDataSource dataSource, NpgsqlCommand command, TimeSpan statementTimeout, CommandBehavior behavior, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            NpgsqlConnection? connection = null;
            NpgsqlTransaction? transaction = null;
            var started = false;
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
                var read = new TimedRead(connection, transaction, await command.ExecuteReaderAsync(behavior, ct));
                started = true;
                return read;
            }
            catch (NpgsqlException ex) when (ex.IsTransient && ex is not PostgresException { SqlState: PostgresErrorCodes.QueryCanceled }
                && attempt < Pauses.Length && !ct.IsCancellationRequested)
            {
                // The other idle connections died with the same server: drop them rather than fail on each in turn.
                dataSource.Clear();
                if (connection is not null)
                {
                    await DisposeAsync(connection, transaction);
                    connection = null;
                }

                await Task.Delay(Pauses[attempt], ct);
            }
            finally
            {
                if (!started && connection is not null)
                {
                    await DisposeAsync(connection, transaction);
                }
            }
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
