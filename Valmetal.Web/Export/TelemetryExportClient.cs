using Valmetal.Web.ApiClient;

namespace Valmetal.Web.Export;

/// <summary>
/// The API's CSV export, passed through as it streams. A client of its own: a long export must not be cut by the
/// timeout of ordinary requests, nor repeated by their retry policy.
/// </summary>
public sealed class TelemetryExportClient(HttpClient http)
{
    public async Task<HttpResponseMessage> OpenAsync(string accessToken, string serial, DateTimeOffset from, DateTimeOffset to, string metrics, CancellationToken ct)
    {
        var url = $"api/equipment/{Uri.EscapeDataString(serial)}/telemetry.csv?from={Uri.EscapeDataString(from.ToString("O", System.Globalization.CultureInfo.InvariantCulture))}"
            + $"&to={Uri.EscapeDataString(to.ToString("O", System.Globalization.CultureInfo.InvariantCulture))}&metrics={Uri.EscapeDataString(metrics)}";
        using var request = ApiBearerHandler.For(new HttpRequestMessage(HttpMethod.Get, url), accessToken);
        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
    }
}
