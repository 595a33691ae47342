namespace Valmetal.Cdk.Configuration;

/// <summary>The deployed services of the AppHost (the device simulator stays local).</summary>
public enum ServiceKind
{
    BackendApi,
    WebClient,
    Telemetry,
    Notifier,
}

public static class ServiceKindExtensions
{
    /// <summary>The name used in task definition families, repositories and log groups.</summary>
    public static string Slug(this ServiceKind service) => service switch
    {
        ServiceKind.BackendApi => "backend-api",
        ServiceKind.WebClient => "web-client",
        ServiceKind.Telemetry => "telemetry",
        ServiceKind.Notifier => "notifier",
        _ => throw new ArgumentOutOfRangeException(nameof(service)),
    };

    public static IReadOnlyList<ServiceKind> All { get; } = Enum.GetValues<ServiceKind>();
}
