using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Schema.Tests;

/// <summary>
/// Checks one statement against the migrated schema inside a transaction that is always rolled back, so checks leave
/// nothing behind and do not depend on each other's order.
/// </summary>
public static partial class StatementCheck
{
    public static async Task RunAsync(string connectionString, RegisteredStatement statement)
    {
        var sql = statement.Check.FormatWith.Length > 0
            ? string.Format(CultureInfo.InvariantCulture, statement.Sql, statement.Check.FormatWith)
            : statement.Sql;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (statement.Check.After is { } first)
        {
            await using var setUp = new NpgsqlCommand(first, connection, transaction);
            await setUp.ExecuteNonQueryAsync();
        }

        switch (statement.Check.Check)
        {
            case SqlCheck.Prepare:
                await using (var command = new NpgsqlCommand(sql, connection, transaction))
                {
                    command.Parameters.AddRange(Parameters(sql, statement.Check));
                    await command.PrepareAsync();
                }

                break;
            case SqlCheck.RunAndRollBack:
                await using (var command = new NpgsqlCommand(sql, connection, transaction))
                {
                    await command.ExecuteNonQueryAsync();
                }

                break;
            case SqlCheck.BinaryCopy:
                await using (var import = await connection.BeginBinaryImportAsync(sql))
                {
                    await import.CompleteAsync();
                }

                break;
            default:
                throw new InvalidOperationException($"Unknown check {statement.Check.Check}");
        }

        await transaction.RollbackAsync();
    }

    /// <summary>
    /// The statement's parameters: those its attribute types with that type, the rest untyped so PostgreSQL infers
    /// them from where they are used. A declared type the statement does not use is an error: it would go stale.
    /// </summary>
    public static NpgsqlParameter[] Parameters(string sql, SqlAttribute check)
    {
        var used = ParameterName().Matches(sql).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();
        var declared = check.ParameterTypes.Select(p => p.Split(' ', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        var unused = declared.Keys.Except(used).ToList();
        if (unused.Count > 0)
        {
            throw new InvalidOperationException($"[Sql] types parameters the statement does not have: {string.Join(", ", unused)}");
        }

        return
        [
            .. used.Select(name => declared.TryGetValue(name, out var type)
                ? new NpgsqlParameter { ParameterName = name, DataTypeName = type, Value = DBNull.Value }
                : new NpgsqlParameter { ParameterName = name, Value = DBNull.Value }),
        ];
    }

    /// <summary>Npgsql's placeholders: <c>@name</c>, not part of a longer word or operator.</summary>
    [GeneratedRegex(@"(?<![\w@])@([A-Za-z_]\w*)")]
    private static partial Regex ParameterName();
}
