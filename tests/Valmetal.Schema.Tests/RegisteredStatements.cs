using System.Reflection;
using Valmetal.Api.Data;
using Valmetal.DeviceContract.Schema;
using Valmetal.Notifier.Outbox;
using Valmetal.Telemetry.Storage;

namespace Valmetal.Schema.Tests;

/// <summary>One check of a <see cref="SqlAttribute"/>-marked const: a template checked with two values is two checks.</summary>
public sealed record RegisteredStatement(string Id, string Sql, SqlAttribute Check)
{
    public override string ToString() => Id;
}

/// <summary>Every [Sql] statement of the services that share the schema, found by reflection over their assemblies.</summary>
public static class RegisteredStatements
{
    public static readonly IReadOnlyList<Assembly> Assemblies =
        [typeof(ValmetalDbContext).Assembly, typeof(TimeSeriesStore).Assembly, typeof(OutboxSql).Assembly];

    public static IReadOnlyList<RegisteredStatement> All { get; } = Find();

    private static List<RegisteredStatement> Find() =>
    [
        .. from assembly in Assemblies
        from type in assembly.GetTypes()
        from field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
        let checks = field.GetCustomAttributes<SqlAttribute>().ToList()
        where checks.Count > 0
        from attribute in checks
        select new RegisteredStatement(
            $"{Service(assembly)} {type.Name}.{field.Name}" + (checks.Count > 1 ? $" ({string.Join(", ", attribute.FormatWith)})" : string.Empty),
            field.IsLiteral && field.GetRawConstantValue() is string sql
                ? sql
                : throw new InvalidOperationException($"[Sql] marks {type.FullName}.{field.Name}, which is not a const string."),
            attribute),
    ];

    /// <summary>Short, so that xUnit shows a statement's whole name (it cuts a theory's string arguments at 50 characters).</summary>
    public static string Service(Assembly assembly) => assembly.GetName().Name!.Replace("Valmetal.", string.Empty, StringComparison.Ordinal);
}
