namespace Valmetal.AppHost.Postgres;

/// <summary>PostgreSQL from the Debian binaries, run as a plain process (no container engine here).</summary>
public sealed class PostgresServerResource(string name, string workingDirectory)
    : ExecutableResource(name, "sh", workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    private EndpointReference? _endpoint;

    public EndpointReference Endpoint => _endpoint ??= new EndpointReference(this, EndpointName);

    /// <summary>Trust authentication on 127.0.0.1 only: acceptable for the local stack; RDS uses Secrets Manager.</summary>
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"Host=127.0.0.1;Port={Endpoint.Property(EndpointProperty.Port)};Username=postgres");

    public ReferenceExpression DatabaseConnectionString(string database) =>
        ReferenceExpression.Create($"{ConnectionStringExpression};Database={database}");
}
