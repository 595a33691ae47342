namespace Valmetal.Composition;

/// <summary>
/// The PostgreSQL connection budget. Npgsql pools up to 100 connections per data source, so a few replicas can ask for
/// more than the server allows; under load requests then wait seconds for a connection that never comes
/// (docs/benchmarks.md, "API under load while ingesting"). Every task of a service gets a fixed pool instead, and the
/// most tasks that can run at once times their pools, plus <see cref="Reserved"/>, must fit the server's
/// <c>max_connections</c>: the AppHost checks its replicas against the local server, the CDK its scaling limits
/// against the RDS parameter group.
/// </summary>
public static class DatabaseConnections
{
    /// <summary>Requests that read PostgreSQL at once per API task; more wait briefly in the pool rather than at the server.</summary>
    public const int ApiPool = 20;

    /// <summary>One batch writer and the background passes (presence, retention, archive, slots, statistics).</summary>
    public const int TelemetryPool = 10;

    /// <summary>The outbox fan-out, escalation and senders.</summary>
    public const int NotifierPool = 6;

    /// <summary>Migrations and seeding run one statement at a time.</summary>
    public const int MigratorPool = 2;

    /// <summary>Left free for people and the platform: psql in an incident, RDS's own sessions, superuser_reserved_connections.</summary>
    public const int Reserved = 10;

    /// <summary>The connection string a task of a service uses: the database's, with the service's pool.</summary>
    public static string WithPool(string connectionString, int pool) => connectionString + PoolSetting(pool);

    /// <summary>What a connection string gets appended to set its pool (Npgsql's keyword).</summary>
    public static string PoolSetting(int pool) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $";Maximum Pool Size={pool}");

    /// <summary>Connections the clients can hold at once, with the reserve.</summary>
    public static int Needed(IEnumerable<DatabaseClient> clients) => clients.Sum(c => c.Tasks * c.Pool) + Reserved;

    /// <summary>Refuses a composition whose clients could exhaust the server: it would fail under load, not at start.</summary>
    public static void EnsureFits(int maxConnections, IReadOnlyCollection<DatabaseClient> clients)
    {
        var needed = Needed(clients);
        if (needed > maxConnections)
        {
            var parts = string.Join(", ", clients.Select(c => $"{c.Service} {c.Tasks} × {c.Pool}"));
            throw new InvalidOperationException(
                $"The services can hold {needed} PostgreSQL connections ({parts}, {Reserved} reserved) but the server allows {maxConnections}.");
        }
    }
}

/// <summary>A service's share of the budget: the most tasks that run at once, each with its own pool.</summary>
public sealed record DatabaseClient(string Service, int Tasks, int Pool);
