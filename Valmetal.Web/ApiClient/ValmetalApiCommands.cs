namespace Valmetal.Web.ApiClient;

/// <summary>
/// Writes to the API as the signed-in user, with If-Match where the API versions a resource, and the reads that go with
/// them. Its HTTP client never retries: a repeated POST would log the same work twice.
/// </summary>
public sealed class ValmetalApiCommands(HttpClient http, ApiCaller api)
{
    public Task<ApiResult<List<MaintenanceLogResponse>>> MaintenanceOfAsync(string serial, CancellationToken ct) =>
        SendAsync<List<MaintenanceLogResponse>>(HttpMethod.Get, $"api/equipment/{Uri.EscapeDataString(serial)}/maintenance", null, null, ct);

    public Task<ApiResult<PagedList<MaintenanceLogResponse>>> MaintenanceAsync(bool overdueOnly, CancellationToken ct) =>
        SendAsync<PagedList<MaintenanceLogResponse>>(HttpMethod.Get, $"api/maintenance?status=Pending&overdueOnly={overdueOnly}&pageSize=200", null, null, ct);

    public Task<ApiResult<MaintenanceLogResponse>> LogMaintenanceAsync(string serial, object request, CancellationToken ct) =>
        SendAsync<MaintenanceLogResponse>(HttpMethod.Post, $"api/equipment/{Uri.EscapeDataString(serial)}/maintenance", request, null, ct);

    /// <summary>Reads the task's current ETag, then updates it; a concurrent change comes back as a 412 problem.</summary>
    public async Task<ApiResult<MaintenanceLogResponse>> UpdateMaintenanceAsync(Guid logId, object request, CancellationToken ct)
    {
        var current = await SendAsync<MaintenanceLogResponse>(HttpMethod.Get, $"api/maintenance/{logId}", null, null, ct);
        return !current.Ok ? current : await SendAsync<MaintenanceLogResponse>(HttpMethod.Put, $"api/maintenance/{logId}", request, current.ETag, ct);
    }

    public Task<ApiResult<List<DocumentResponse>>> DocumentsOfAsync(string serial, CancellationToken ct) =>
        SendAsync<List<DocumentResponse>>(HttpMethod.Get, $"api/equipment/{Uri.EscapeDataString(serial)}/documents", null, null, ct);

    public Task<ApiResult<UploadTicket>> StartUploadAsync(object request, CancellationToken ct) =>
        SendAsync<UploadTicket>(HttpMethod.Post, "api/documents", request, null, ct);

    public Task<ApiResult<DocumentResponse>> CompleteUploadAsync(Guid documentId, CancellationToken ct) =>
        SendAsync<DocumentResponse>(HttpMethod.Post, $"api/documents/{documentId}/complete", null, null, ct);

    public Task<ApiResult<DownloadLink>> DownloadLinkAsync(Guid documentId, CancellationToken ct) =>
        SendAsync<DownloadLink>(HttpMethod.Get, $"api/documents/{documentId}/download", null, null, ct);

    public Task<ApiResult<CommandResponse>> SendCommandAsync(string serial, string name, CancellationToken ct) =>
        SendAsync<CommandResponse>(HttpMethod.Post, $"api/equipment/{Uri.EscapeDataString(serial)}/commands", new { name, expiresInSeconds = 60 }, null, ct);

    public Task<ApiResult<CommandResponse>> CommandAsync(string serial, Guid commandId, CancellationToken ct) =>
        SendAsync<CommandResponse>(HttpMethod.Get, $"api/equipment/{Uri.EscapeDataString(serial)}/commands/{commandId}", null, null, ct);

    public Task<ApiResult<List<CommandResponse>>> CommandsOfAsync(string serial, CancellationToken ct) =>
        SendAsync<List<CommandResponse>>(HttpMethod.Get, $"api/equipment/{Uri.EscapeDataString(serial)}/commands", null, null, ct);

    public Task<ApiResult<DeviceStateResponse>> StateAsync(string serial, CancellationToken ct) =>
        SendAsync<DeviceStateResponse>(HttpMethod.Get, $"api/equipment/{Uri.EscapeDataString(serial)}/state", null, null, ct);

    /// <summary>Conditional on the state version the user saw: someone else's change meanwhile comes back as a 412 problem.</summary>
    public Task<ApiResult<DeviceStateResponse>> SetDesiredAsync(string serial, System.Text.Json.Nodes.JsonObject desired, string etag, CancellationToken ct) =>
        SendAsync<DeviceStateResponse>(HttpMethod.Put, $"api/equipment/{Uri.EscapeDataString(serial)}/desired", new { desired }, etag, ct);

    public Task<ApiResult<List<ModelResponse>>> ModelsAsync(CancellationToken ct) =>
        SendAsync<List<ModelResponse>>(HttpMethod.Get, "api/models", null, null, ct);

    public Task<ApiResult<ModelResponse>> ModelAsync(string code, CancellationToken ct) =>
        SendAsync<ModelResponse>(HttpMethod.Get, $"api/models/{Uri.EscapeDataString(code)}", null, null, ct);

    public Task<ApiResult<ModelResponse>> UpdateCatalogueAsync(string code, object request, string etag, CancellationToken ct) =>
        SendAsync<ModelResponse>(HttpMethod.Put, $"api/models/{Uri.EscapeDataString(code)}/catalogue", request, etag, ct);

    public Task<ApiResult<EquipmentSummary>> RegisterEquipmentAsync(object request, CancellationToken ct) =>
        SendAsync<EquipmentSummary>(HttpMethod.Post, "api/equipment", request, null, ct);

    public Task<ApiResult<DeviceCredentials>> IssueCertificateAsync(string serial, CancellationToken ct) =>
        SendAsync<DeviceCredentials>(HttpMethod.Post, $"api/equipment/{Uri.EscapeDataString(serial)}/certificate", null, null, ct);

    public Task<ApiResult<List<DeviceCertificateResponse>>> CertificatesOfAsync(string serial, CancellationToken ct) =>
        SendAsync<List<DeviceCertificateResponse>>(HttpMethod.Get, $"api/equipment/{Uri.EscapeDataString(serial)}/certificates", null, null, ct);

    public Task<ApiResult<List<UserResponse>>> UsersAsync(CancellationToken ct) =>
        SendAsync<List<UserResponse>>(HttpMethod.Get, "api/users", null, null, ct);

    public Task<ApiResult<UserResponse>> InviteUserAsync(object request, CancellationToken ct) =>
        SendAsync<UserResponse>(HttpMethod.Post, "api/users", request, null, ct);

    public Task<ApiResult<UserResponse>> SetRoleAsync(string sub, string role, CancellationToken ct) =>
        SendAsync<UserResponse>(HttpMethod.Put, $"api/users/{Uri.EscapeDataString(sub)}/role", new { role }, null, ct);

    public Task<ApiResult<UserResponse>> SetFarmsAsync(string sub, IReadOnlyList<Guid> farmIds, CancellationToken ct) =>
        SendAsync<UserResponse>(HttpMethod.Put, $"api/users/{Uri.EscapeDataString(sub)}/farms", new { farmIds }, null, ct);

    public Task<ApiResult<UserResponse>> SetEnabledAsync(string sub, bool enabled, CancellationToken ct) =>
        SendAsync<UserResponse>(HttpMethod.Post, $"api/users/{Uri.EscapeDataString(sub)}/{(enabled ? "enable" : "disable")}", null, null, ct);

    public Task<ApiResult<object>> ResendInvitationAsync(string sub, CancellationToken ct) => UserActionAsync(sub, "invitation", ct);

    public Task<ApiResult<object>> ResetPasswordAsync(string sub, CancellationToken ct) => UserActionAsync(sub, "password-reset", ct);

    public Task<ApiResult<object>> SignOutEverywhereAsync(string sub, CancellationToken ct) => UserActionAsync(sub, "signout", ct);

    private Task<ApiResult<object>> UserActionAsync(string sub, string action, CancellationToken ct) =>
        SendAsync<object>(HttpMethod.Post, $"api/users/{Uri.EscapeDataString(sub)}/{action}", null, null, ct);

    public Task<ApiResult<T>> GetAsync<T>(string url, CancellationToken ct) => SendAsync<T>(HttpMethod.Get, url, null, null, ct);

    public Task<ApiResult<T>> PostAsync<T>(string url, CancellationToken ct) => SendAsync<T>(HttpMethod.Post, url, null, null, ct);

    public Task<ApiResult<T>> PutAsync<T>(string url, object body, CancellationToken ct) => SendAsync<T>(HttpMethod.Put, url, body, null, ct);

    public Task<ApiResult<object>> DeleteAsync(string url, CancellationToken ct) => SendAsync<object>(HttpMethod.Delete, url, null, null, ct);

    private Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string url, object? body, string? ifMatch, CancellationToken ct) =>
        api.SendAsync<T>(http, method, url, body, ifMatch, ct);
}
