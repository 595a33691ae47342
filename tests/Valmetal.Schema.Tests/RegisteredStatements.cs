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
        from check in checks.Select((c, i) => (Attribute: c, Index: i))
        select new RegisteredStatement(
            $"{type.FullName}.{field.Name}" + (checks.Count > 1 ? $" ({string.Join(", ", check.Attribute.FormatWith)})" : string.Empty),
            field.IsLiteral && field.GetRawConstantValue() is string sql
                ? sql
                : throw new InvalidOperationException($"[Sql] marks {type.FullName}.{field.Name}, which is not a const string."),
            check.Attribute),
    ];
}
