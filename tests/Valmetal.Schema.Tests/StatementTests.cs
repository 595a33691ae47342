using Npgsql;
using Valmetal.TestSupport.Postgres;

namespace Valmetal.Schema.Tests;

/// <summary>
/// Every raw SQL statement of the API, the telemetry service and the notifier, checked against the schema the
/// migrations build: a renamed table or column, a wrong type or a typo fails here, with the statement's name.
/// </summary>
[Collection(MigratedSchemaCollection.Name)]
public sealed class StatementTests(MigratedSchema schema)
{
    public static TheoryData<string> Statements() => [.. RegisteredStatements.All.Select(s => s.Id)];

    [Theory]
    [MemberData(nameof(Statements))]
    public async Task Statement_matches_the_migrated_schema(string id)
    {
        var statement = RegisteredStatements.All.Single(s => s.Id == id);
        try
        {
            await StatementCheck.RunAsync(schema.ConnectionString, statement);
        }
        catch (PostgresException ex)
        {
            // The whole name (xUnit cuts it in the test's name) and the statement, where PostgreSQL's position points.
            Assert.Fail($"{statement.Id}: {ex.SqlState} {ex.MessageText} (position {ex.Position})\n{statement.Sql}");
        }
    }

    [Fact]
    public void Every_service_has_statements_to_check()
    {
        foreach (var assembly in RegisteredStatements.Assemblies)
        {
            Assert.Contains(RegisteredStatements.All, s => s.Id.StartsWith(RegisteredStatements.Service(assembly) + " ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Every_statement_has_a_name_of_its_own() =>
        Assert.Equal(RegisteredStatements.All.Count, RegisteredStatements.All.Select(s => s.Id).Distinct(StringComparer.Ordinal).Count());
}
