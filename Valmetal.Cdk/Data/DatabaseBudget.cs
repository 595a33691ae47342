using Valmetal.Cdk.Compute;
using Valmetal.Cdk.Configuration;
using Valmetal.Composition;

namespace Valmetal.Cdk.Data;

/// <summary>
/// The services' share of the RDS instance's connections (<see cref="DatabaseConnections"/>): every task that can run
/// at once, scaled out and mid-deployment, holding its whole pool, plus the release's migration task (a task of the
/// API's definition, so with the API's pool), must fit <see cref="MaxConnections"/>.
/// </summary>
public static class DatabaseBudget
{
    /// <summary>
    /// Below what RDS would derive from the instance's memory (DBInstanceClassMemory / 9,531,392: about 400 on a
    /// db.t4g.medium, 1,700 on a db.r7g.large), so the setting never asks for more than the instance can hold.
    /// </summary>
    public static int MaxConnections(DeploymentSettings settings) => settings.IsProduction ? 1000 : 400;

    public static IReadOnlyList<DatabaseClient> Clients(DeploymentSettings settings) =>
    [
        new("api", ServiceSizing.For(ServiceKind.BackendApi, settings).MostTasksAtOnce + 1, DatabaseConnections.ApiPool),
        new("telemetry", ServiceSizing.For(ServiceKind.Telemetry, settings).MostTasksAtOnce, DatabaseConnections.TelemetryPool),
        new("notifier", ServiceSizing.For(ServiceKind.Notifier, settings).MostTasksAtOnce, DatabaseConnections.NotifierPool),
    ];

    public static void EnsureFits(DeploymentSettings settings) =>
        DatabaseConnections.EnsureFits(MaxConnections(settings), Clients(settings));
}
