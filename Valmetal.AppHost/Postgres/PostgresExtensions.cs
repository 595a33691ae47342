using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Valmetal.AppHost.LocalStack;
using Valmetal.AppHost.Startup;
using Valmetal.Composition;
using Valmetal.LocalPostgres;

namespace Valmetal.AppHost.Postgres;

public static class PostgresExtensions
{
    /// <summary>The local server's limit, which the services' pools must fit (<see cref="DatabaseConnections"/>).</summary>
    public const int MaxConnections = 200;

    /// <summary>
    /// The state folder shows the cluster as a link. A cluster made before it moved out of the state folder moves
    /// once; an empty folder in the link's place goes, anything else stops the init with rmdir's message.
    /// </summary>
    private const string MoveClusterOutOfStateFolder = """
        if [ -d "$LINK" ] && [ ! -L "$LINK" ]; then
          if [ -f "$LINK/PG_VERSION" ] && [ ! -f "$D/PG_VERSION" ]; then rm -rf "$D"; mv "$LINK" "$D"; else rmdir "$LINK"; fi
        fi
        ln -sfn "$D" "$LINK"
        """;

    /// <summary>
    /// A one-shot init resource creates the cluster and its <paramref name="database"/> when the data folder is empty,
    /// as RDS creates the instance's database: the migrations then find it, rather than failing a first connection to
    /// it (an error in every fresh start's log). The database is made in single-user mode, before any server runs.
    /// The server waits for the init.
    /// As root both drop to the <c>postgres</c> user, since initdb and postgres refuse to run as root, and the cluster
    /// lives where that user can reach it (<see cref="PostgresDataDirectory"/>).
    /// </summary>
    public static IResourceBuilder<PostgresServerResource> AddLocalPostgres(
        this IDistributedApplicationBuilder builder, string name, LocalStackOptions options, string database)
    {
        var bin = FindBinDirectory(builder);
        var data = PostgresDataDirectory.For(options.StateDirectory);
        var link = PostgresDataDirectory.LinkIn(options.StateDirectory);
        var workingDirectory = PostgresDataDirectory.PrepareParent(options.StateDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        var asUser = LocalUser.RunningAsRoot ? string.Join(' ', PostgresBinaries.AsPostgresUser) : string.Empty;
        var owner = LocalUser.RunningAsRoot ? "chown postgres:postgres \"$D\";" : string.Empty;
        var moveOut = LocalUser.RunningAsRoot ? MoveClusterOutOfStateFolder : string.Empty;

        var init = builder.AddExecutable($"{name}-init", "sh", workingDirectory,
                "-c",
                $"""
                set -e; D="$0"; LINK="$1"
                {moveOut}
                mkdir -p "$D"; {owner} chmod 700 "$D"
                if [ -f "$D/PG_VERSION" ]; then echo "cluster exists in $D"; exit 0; fi
                {asUser} "{bin}/initdb" -D "$D" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 2>&1
                echo "create database $2" | {asUser} "{bin}/postgres" --single -D "$D" postgres 2>&1
                """,
                data, link, database)
            .WithRequiredProgram(Path.Combine(bin, "initdb"), PostgresBinaries.Install)
            .ExcludeFromManifest();
        if (LocalUser.RunningAsRoot)
        {
            init.WithRequiredProgram("setpriv", "install util-linux (apt-get install util-linux)");
        }

        var server = new PostgresServerResource(name, workingDirectory);
        var serverBuilder = builder.AddResource(server)
            .WithArgs("-c",
                $"exec {asUser} \"{bin}/postgres\" -D \"$0\" -c listen_addresses=127.0.0.1 -c unix_socket_directories= "
                + $"-c max_connections={MaxConnections} -c shared_buffers=256MB -c log_min_messages=warning 2>&1",
                data)
            // PGPORT is read by the server itself; the port is fixed so psql can reach it (README lists it).
            .WithEndpoint(port: options.PostgresPort, targetPort: options.PostgresPort, name: PostgresServerResource.EndpointName,
                env: "PGPORT", isProxied: false)
            .WithRequiredProgram(Path.Combine(bin, "postgres"), PostgresBinaries.Install)
            .WaitForCompletion(init)
            .ExcludeFromManifest();

        var check = $"{name}-ready";
        builder.Services.AddHealthChecks().AddAsyncCheck(check, async ct =>
        {
            if (!PostmasterStatus.IsReady(data))
            {
                return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("the server is not accepting connections yet");
            }

            var connectionString = await server.ConnectionStringExpression.GetValueAsync(ct);
            try
            {
                await using var connection = new NpgsqlConnection(connectionString + ";Timeout=3;Pooling=false");
                await connection.OpenAsync(ct);
                await using var command = new NpgsqlCommand("select 1", connection);
                await command.ExecuteScalarAsync(ct);
                return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy();
            }
            catch (NpgsqlException ex)
            {
                return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("select 1 failed", ex);
            }
        });
        return serverBuilder.WithHealthCheck(check);
    }

    /// <summary>
    /// Passes <c>ConnectionStrings__{database}</c> with the service's pool of <paramref name="pool"/> connections
    /// (<see cref="DatabaseConnections"/>); the init resource has created the database.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDatabase(
        this IResourceBuilder<ProjectResource> project, IResourceBuilder<PostgresServerResource> server, string database, int pool)
    {
        return project
            .WithEnvironment($"ConnectionStrings__{database}",
                ReferenceExpression.Create($"{server.Resource.DatabaseConnectionString(database)}{DatabaseConnections.PoolSetting(pool)}"))
            .WaitFor(server);
    }

    /// <summary>Missing binaries are reported before anything starts (PreflightChecks), with what to do.</summary>
    private static string FindBinDirectory(IDistributedApplicationBuilder builder) =>
        builder.Configuration["LocalStack:PostgresBinDirectory"] is { } configured && !string.IsNullOrWhiteSpace(configured)
            ? configured
            : PostgresBinaries.FindBinDirectory();
}
