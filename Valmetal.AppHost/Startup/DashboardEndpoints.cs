using Microsoft.Extensions.Configuration;

namespace Valmetal.AppHost.Startup;

/// <summary>
/// Where the Aspire dashboard listens: the URLs <c>./build.sh run</c> (or the suite) puts in the environment. They are
/// not resources of the model, so both the start checks and the replica port choice read them here.
/// </summary>
public static class DashboardEndpoints
{
    private static readonly string[] Settings =
        ["ASPNETCORE_URLS", "ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL", "ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL", "ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"];

    public static IEnumerable<int> Ports(IConfiguration configuration) =>
        Settings
            .SelectMany(setting => (configuration[setting] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Port : 0)
            .Where(port => port > 0)
            .Distinct();
}
