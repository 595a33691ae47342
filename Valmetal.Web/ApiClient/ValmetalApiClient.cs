using System.Globalization;

namespace Valmetal.Web.ApiClient;

/// <summary>
/// Reads from the API as the signed-in user. Its HTTP client retries a failed read (the service defaults' resilience);
/// writes go through <see cref="ValmetalApiCommands"/>, which never repeats a call.
/// </summary>
public sealed class ValmetalApiClient(HttpClient http, ApiCaller api)
{
    public Task<ApiResult<List<FarmResponse>>> GetFarmsAsync(CancellationToken ct) => GetAsync<List<FarmResponse>>("api/farms", ct);

    public Task<ApiResult<PagedList<EquipmentSummary>>> GetEquipmentAsync(Guid? farmId, CancellationToken ct) =>
        GetAsync<PagedList<EquipmentSummary>>(farmId is null ? "api/equipment?pageSize=200" : $"api/equipment?pageSize=200&farmId={farmId}", ct);

    public Task<ApiResult<EquipmentDetail>> GetEquipmentDetailAsync(string serialNumber, CancellationToken ct) =>
        GetAsync<EquipmentDetail>($"api/equipment/{Uri.EscapeDataString(serialNumber)}", ct);

    public Task<ApiResult<List<DeviceStateResponse>>> GetFleetStateAsync(CancellationToken ct) => GetAsync<List<DeviceStateResponse>>("api/fleet/state", ct);

    public Task<ApiResult<HistoryResponse>> GetHistoryAsync(string serialNumber, string metric, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        GetAsync<HistoryResponse>(string.Create(CultureInfo.InvariantCulture,
            $"api/equipment/{Uri.EscapeDataString(serialNumber)}/metrics/{Uri.EscapeDataString(metric)}/history?from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture))}"), ct);

    /// <summary>At sign-in, before a session exists: may this token use the API at all, and which language did they save?</summary>
    public Task<ApiResult<UserResponse>> CheckAccessAsync(string accessToken, CancellationToken ct) =>
        api.SendAsync<UserResponse>(http, ApiBearerHandler.For(new HttpRequestMessage(HttpMethod.Get, "api/me"), accessToken), ct);

    /// <summary>Saves the language the user chose with the header's switch, so every sign-in after uses it.</summary>
    public Task<ApiResult<object>> SaveLanguageAsync(string language, CancellationToken ct) =>
        api.SendAsync<object>(http, HttpMethod.Put, "api/me/language", new LanguageRequest(language), null, ct);

    private Task<ApiResult<T>> GetAsync<T>(string url, CancellationToken ct) => api.SendAsync<T>(http, HttpMethod.Get, url, null, null, ct);
}
