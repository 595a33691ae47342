using System.Reflection;
using System.Text.RegularExpressions;
using Valmetal.DeviceContract.Schema;
using Valmetal.TestSupport;

namespace Valmetal.Schema.Tests;

/// <summary>The statement test sees only [Sql] consts: these keep statements from being written where it cannot look.</summary>
public sealed partial class RegistryTests
{
    private static readonly string[] Sources = ["Valmetal.Api", "Valmetal.Telemetry", "Valmetal.Notifier"];

    [Fact]
    public void Every_const_that_is_a_statement_is_registered()
    {
        var unregistered =
            from assembly in RegisteredStatements.Assemblies
            from type in assembly.GetTypes()
            from field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            where field.IsLiteral && field.GetRawConstantValue() is string value && StatementStart().IsMatch(value)
                && !field.IsDefined(typeof(SqlAttribute))
            select $"{type.FullName}.{field.Name}";
        Assert.Empty(unregistered);
    }

    [Fact]
    public void No_statement_is_written_where_it_is_run()
    {
        var inline =
            from project in Sources
            from file in Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, project), "*.cs", SearchOption.AllDirectories)
            where !file.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            from match in LiteralArgument().Matches(File.ReadAllText(file))
            select $"{Path.GetRelativePath(RepositoryRoot.Path, file)}: {match.Value}";
        Assert.Empty(inline);
    }

    /// <summary>A statement, not a fragment such as a column list or a join: it starts with a statement's keyword.</summary>
    [GeneratedRegex(@"^\s*(select|insert|update|delete|with|create|drop|copy|alter)\s", RegexOptions.IgnoreCase)]
    private static partial Regex StatementStart();

    /// <summary>A string literal handed straight to what runs SQL.</summary>
    [GeneratedRegex(@"(new NpgsqlCommand|CreateCommand|NpgsqlBatchCommand|Begin(Binary|Text|Raw)(Import|Export)Async|SqlQueryRaw|SqlQuery|ExecuteSqlRaw|ExecuteSqlRawAsync|ExecuteSql|ExecuteSqlAsync|FromSqlRaw|FromSql)(<[^>]*>)?\(\s*\$*@?""")]
    private static partial Regex LiteralArgument();
}
