namespace Valmetal.DeviceContract.Schema;

/// <summary>
/// Marks a <c>const string</c> field as a raw SQL statement the code runs against the EF Core-owned schema. The
/// schema test (tests/Valmetal.Schema.Tests) finds every marked field by reflection, applies the migrations to a real
/// PostgreSQL and checks each statement there, so a renamed column fails in seconds rather than in production.
/// The code runs the field itself: a statement written anywhere else is one the test cannot see.
/// </summary>
/// <param name="parameterTypes">
/// The PostgreSQL types of the parameters PostgreSQL cannot infer from where they are used (an array passed to
/// <c>unnest</c>, a parameter only compared with another parameter), as <c>"name type"</c>, e.g. <c>"thing text[]"</c>;
/// the same types the code's <c>NpgsqlParameter&lt;T&gt;</c> sends. The others are typed by PostgreSQL from their context.
/// </param>
[AttributeUsage(AttributeTargets.Field, AllowMultiple = true)]
public sealed class SqlAttribute(params string[] parameterTypes) : Attribute
{
    public IReadOnlyList<string> ParameterTypes { get; } = parameterTypes;

    /// <summary>How the statement is checked; <see cref="SqlCheck.Prepare"/> unless PostgreSQL cannot prepare it.</summary>
    public SqlCheck Check { get; init; } = SqlCheck.Prepare;

    /// <summary>
    /// For a template the code completes with <see cref="string.Format(IFormatProvider, string, object[])"/>: the
    /// values it is checked with. A template checked with several values carries one attribute for each.
    /// </summary>
    public string[] FormatWith { get; init; } = [];

    /// <summary>A statement run first on the same connection, e.g. the one that creates a temporary table this one uses.</summary>
    public string? After { get; init; }
}

/// <summary>How the schema test checks a statement.</summary>
public enum SqlCheck
{
    /// <summary>Prepared on the server: every table, column, function and type is resolved, nothing runs.</summary>
    Prepare,

    /// <summary>DDL, which PostgreSQL resolves only when it runs: run inside a transaction that is rolled back.</summary>
    RunAndRollBack,

    /// <summary>A <c>copy … from stdin (format binary)</c>: opened and completed with no rows, then rolled back.</summary>
    BinaryCopy,
}
