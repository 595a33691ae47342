using System.Globalization;
using System.Net;
using System.Text.Json;
using Valmetal.Web.Account;

namespace Valmetal.Web.ApiClient;

/// <summary>The web app's only way to data: the Valmetal API over HTTP, as the signed-in user.</summary>
public sealed class ValmetalApiClient(HttpClient http, UserSession session)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<List<FarmView>> GetFarmsAsync(CancellationToken ct) =>
        await GetAsync<List<FarmView>>("api/farms", ct) ?? [];

    public async Task<List<EquipmentView>> GetEquipmentAsync(Guid? farmId, CancellationToken ct)
    {
        var query = farmId is null ? "api/equipment?pageSize=200" : $"api/equipment?pageSize=200&farmId={farmId}";
        var page = await GetAsync<EquipmentPageView>(query, ct);
        return page?.Items.ToList() ?? [];
    }

    public Task<EquipmentDetailView?> GetEquipmentDetailAsync(string serialNumber, CancellationToken ct) =>
        GetAsync<EquipmentDetailView>($"api/equipment/{Uri.EscapeDataString(serialNumber)}", ct);

    public async Task<List<DeviceStateView>> GetFleetStateAsync(CancellationToken ct) =>
        await GetAsync<List<DeviceStateView>>("api/fleet/state", ct) ?? [];

    public Task<DeviceStateView?> GetDeviceStateAsync(string serialNumber, CancellationToken ct) =>
        GetAsync<DeviceStateView>($"api/equipment/{Uri.EscapeDataString(serialNumber)}/state", ct);

    public Task<HistoryView?> GetHistoryAsync(string serialNumber, string metric, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var url = string.Create(CultureInfo.InvariantCulture,
            $"api/equipment/{Uri.EscapeDataString(serialNumber)}/metrics/{Uri.EscapeDataString(metric)}/history?from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture))}");
        return GetAsync<HistoryView>(url, ct);
    }

    public Task<MeView?> GetMeAsync(CancellationToken ct) => GetAsync<MeView>("api/me", ct);

    /// <summary>At sign-in, before a session exists: may this token use the API at all?</summary>
    /// <summary>Whether the API lets the user in, and the language they saved (null: never chosen).</summary>
    public async Task<(HttpStatusCode Status, string? Language)> CheckAccessAsync(string accessToken, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/me");
        request.Headers.Authorization = ApiAuthorization.Bearer(accessToken);
        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (response.StatusCode, null);
        }

        var me = await response.Content.ReadFromJsonAsync<SavedLanguage>(ct);
        return (response.StatusCode, me?.Language);
    }

    /// <summary>Saves the language the user chose with the header's switch, so every sign-in after uses it.</summary>
    public async Task SaveLanguageAsync(string language, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "api/me/language") { Content = JsonContent.Create(new SavedLanguage(language)) };
        request.Headers.Authorization = ApiAuthorization.Bearer(await session.GetAccessTokenAsync(ct));
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
    }

    private sealed record SavedLanguage(string? Language);

    /// <summary>Null for 404: the resource does not exist or belongs to someone else, which the API does not tell apart.</summary>
    private async Task<T?> GetAsync<T>(string url, CancellationToken ct)
        where T : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = ApiAuthorization.Bearer(await session.GetAccessTokenAsync(ct));
        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<T>(Json, ct);
    }
}
