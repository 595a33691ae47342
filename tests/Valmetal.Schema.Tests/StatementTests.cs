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
    public async Task Statement_matches_the_migrated_schema(string id) =>
        await StatementCheck.RunAsync(schema.ConnectionString, RegisteredStatements.All.Single(s => s.Id == id));

    [Fact]
    public void Every_service_has_statements_to_check()
    {
        foreach (var assembly in RegisteredStatements.Assemblies)
        {
            Assert.Contains(RegisteredStatements.All, s => s.Id.StartsWith(assembly.GetName().Name + ".", StringComparison.Ordinal));
        }
    }
}
