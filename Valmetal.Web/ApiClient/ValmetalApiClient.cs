using System.Globalization;
using System.Text.Json;

namespace Valmetal.Web.ApiClient;

/// <summary>The web app's only way to data: the Valmetal API over HTTP.</summary>
public sealed class ValmetalApiClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<List<FarmView>> GetFarmsAsync(CancellationToken ct) =>
        await http.GetFromJsonAsync<List<FarmView>>("api/farms", Json, ct) ?? [];

    public async Task<List<EquipmentView>> GetEquipmentAsync(Guid? farmId, CancellationToken ct)
    {
        var query = farmId is null ? "api/equipment?pageSize=200" : $"api/equipment?pageSize=200&farmId={farmId}";
        var page = await http.GetFromJsonAsync<EquipmentPageView>(query, Json, ct);
        return page?.Items.ToList() ?? [];
    }

    public async Task<EquipmentDetailView?> GetEquipmentDetailAsync(string serialNumber, CancellationToken ct)
    {
        using var response = await http.GetAsync($"api/equipment/{Uri.EscapeDataString(serialNumber)}", ct);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<EquipmentDetailView>(Json, ct);
    }

    public async Task<List<DeviceStateView>> GetFleetStateAsync(CancellationToken ct) =>
        await http.GetFromJsonAsync<List<DeviceStateView>>("api/fleet/state", Json, ct) ?? [];

    public async Task<DeviceStateView?> GetDeviceStateAsync(string serialNumber, CancellationToken ct) =>
        await http.GetFromJsonAsync<DeviceStateView>($"api/equipment/{Uri.EscapeDataString(serialNumber)}/state", Json, ct);

    public async Task<HistoryView?> GetHistoryAsync(string serialNumber, string metric, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var url = string.Create(CultureInfo.InvariantCulture,
            $"api/equipment/{Uri.EscapeDataString(serialNumber)}/metrics/{Uri.EscapeDataString(metric)}/history?from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture))}");
        return await http.GetFromJsonAsync<HistoryView>(url, Json, ct);
    }
}
