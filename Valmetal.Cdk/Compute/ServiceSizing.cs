using Valmetal.Cdk.Configuration;

namespace Valmetal.Cdk.Compute;

/// <summary>CPU units, memory and task counts per service; never fewer than two tasks so one zone can fail.</summary>
public sealed record ServiceSizing(int Cpu, int MemoryMiB, int MinTasks, int MaxTasks)
{
    /// <summary>A deployment starts the new tasks next to the old ones before stopping those (rolling, 100–200 %).</summary>
    public const int DeploymentMaxPercent = 200;

    /// <summary>The most tasks of the service that can run at once: scaled out fully, in the middle of a deployment.</summary>
    public int MostTasksAtOnce => MaxTasks * DeploymentMaxPercent / 100;

    public static ServiceSizing For(ServiceKind service, DeploymentSettings settings) => (service, settings.IsProduction) switch
    {
        (ServiceKind.BackendApi, true) => new(1024, 2048, 2, 8),
        (ServiceKind.Telemetry, true) => new(1024, 2048, 2, 6),
        (ServiceKind.WebClient, true) => new(512, 1024, 2, 6),
        (ServiceKind.WebClient, false) => new(256, 512, 2, 3),
        // The notifier waits on the database and on SES, SNS and push services, and sends a few messages a minute: the
        // smallest task. Two tasks in every environment all the same: alarms must still be told while a zone or a task
        // is down, and staging should split the outbox between replicas (row locks and leases) as production does.
        (ServiceKind.Notifier, _) => new(256, 512, 2, 4),
        _ => new(512, 1024, 2, 3),
    };
}
