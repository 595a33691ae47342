namespace Valmetal.TestSupport;

/// <summary>Arguments for an AppHost started in-process without its dashboard, as the suite and the bench start it.</summary>
public static class HeadlessPlatform
{
    /// <summary>
    /// With the dashboard disabled, Aspire still points every service's OTLP exporter at the dashboard's port: exports
    /// that can never succeed are retried for seconds (a service stopping gracefully waits for them) and keep memory
    /// and CPU busy for the whole run. An empty endpoint leaves the exporter out (ServiceDefaults).
    /// </summary>
    public const string NoTelemetryExport = "--ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=";
}
