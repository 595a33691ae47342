using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Localization;
using Valmetal.Web.Account;

namespace Valmetal.Web.ApiClient;

/// <summary>Writes to the API as the signed-in user, with If-Match where the API versions a resource.</summary>
public sealed class ValmetalApiCommands(HttpClient http, UserSession session, IStringLocalizer<ValmetalApiCommands> text)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<ApiResult<List<MaintenanceLogView>>> MaintenanceOfAsync(string serial, CancellationToken ct) =>
        SendAsync<List<MaintenanceLogView>>(HttpMethod.Get, $"api/equipment/{Uri.EscapeDataString(serial)}/maintenance", null, null, ct);

    public Task<ApiResult<MaintenancePageView>> MaintenanceAsync(bool overdueOnly, CancellationToken ct) =>
        SendAsync<MaintenancePageView>(HttpMethod.Get, $"api/maintenance?status=Pending&overdueOnly={overdueOnly}&pageSize=200", null, null, ct);

    public Task<ApiResult<MaintenanceLogView>> LogMaintenanceAsync(string serial, object request, CancellationToken ct) =>
        SendAsync<MaintenanceLogView>(HttpMethod.Post, $"api/equipment/{Uri.EscapeDataString(serial)}/maintenance", request, null, ct);

    /// <summary>Reads the task's current ETag, then updates it; a concurrent change comes back as a 412 problem.</summary>
    public async Task<ApiResult<MaintenanceLogView>> UpdateMaintenanceAsync(Guid logId, object request, CancellationToken ct)
    {
        var current = await SendAsync<MaintenanceLogView>(HttpMethod.Get, $"api/maintenance/{logId}", null, null, ct);
        return !current.Ok ? current : await SendAsync<MaintenanceLogView>(HttpMethod.Put, $"api/maintenance/{logId}", request, current.ETag, ct);
    }

    public Task<ApiResult<List<DocumentView>>> DocumentsOfAsync(string serial, CancellationToken ct) =>
        SendAsync<List<DocumentView>>(HttpMethod.Get, $"api/equipment/{Uri.EscapeDataString(serial)}/documents", null, null, ct);

    public Task<ApiResult<UploadTicketView>> StartUploadAsync(object request, CancellationToken ct) =>
        SendAsync<UploadTicketView>(HttpMethod.Post, "api/documents", request, null, ct);

    public Task<ApiResult<DocumentView>> CompleteUploadAsync(Guid documentId, CancellationToken ct) =>
        SendAsync<DocumentView>(HttpMethod.Post, $"api/documents/{documentId}/complete", null, null, ct);

    public Task<ApiResult<DownloadLinkView>> DownloadLinkAsync(Guid documentId, CancellationToken ct) =>
        SendAsync<DownloadLinkView>(HttpMethod.Get, $"api/documents/{documentId}/download", null, null, ct);

    public Task<ApiResult<CommandView>> SendCommandAsync(string serial, string name, CancellationToken ct) =>
        SendAsync<CommandView>(HttpMethod.Post, $"api/equipment/{Uri.EscapeDataString(serial)}/commands", new { name, expiresInSeconds = 60 }, null, ct);

    public Task<ApiResult<CommandView>> CommandAsync(string serial, Guid commandId, CancellationToken ct) =>
        SendAsync<CommandView>(HttpMethod.Get, $"api/equipment/{Uri.EscapeDataString(serial)}/commands/{commandId}", null, null, ct);

    public Task<ApiResult<List<CommandView>>> CommandsOfAsync(string serial, CancellationToken ct) =>
        SendAsync<List<CommandView>>(HttpMethod.Get, $"api/equipment/{Uri.EscapeDataString(serial)}/commands", null, null, ct);

    public Task<ApiResult<DeviceStateView>> StateAsync(string serial, CancellationToken ct) =>
        SendAsync<DeviceStateView>(HttpMethod.Get, $"api/equipment/{Uri.EscapeDataString(serial)}/state", null, null, ct);

    /// <summary>Conditional on the state version the user saw: someone else's change meanwhile comes back as a 412 problem.</summary>
    public Task<ApiResult<DeviceStateView>> SetDesiredAsync(string serial, System.Text.Json.Nodes.JsonObject desired, string etag, CancellationToken ct) =>
        SendAsync<DeviceStateView>(HttpMethod.Put, $"api/equipment/{Uri.EscapeDataString(serial)}/desired", new { desired }, etag, ct);

    public Task<ApiResult<List<ModelView>>> ModelsAsync(CancellationToken ct) =>
        SendAsync<List<ModelView>>(HttpMethod.Get, "api/models", null, null, ct);

    public Task<ApiResult<ModelView>> ModelAsync(string code, CancellationToken ct) =>
        SendAsync<ModelView>(HttpMethod.Get, $"api/models/{Uri.EscapeDataString(code)}", null, null, ct);

    public Task<ApiResult<ModelView>> UpdateCatalogueAsync(string code, object request, string etag, CancellationToken ct) =>
        SendAsync<ModelView>(HttpMethod.Put, $"api/models/{Uri.EscapeDataString(code)}/catalogue", request, etag, ct);

    public Task<ApiResult<EquipmentView>> RegisterEquipmentAsync(object request, CancellationToken ct) =>
        SendAsync<EquipmentView>(HttpMethod.Post, "api/equipment", request, null, ct);

    public Task<ApiResult<DeviceCredentialsView>> IssueCertificateAsync(string serial, CancellationToken ct) =>
        SendAsync<DeviceCredentialsView>(HttpMethod.Post, $"api/equipment/{Uri.EscapeDataString(serial)}/certificate", null, null, ct);

    public Task<ApiResult<List<DeviceCertificateView>>> CertificatesOfAsync(string serial, CancellationToken ct) =>
        SendAsync<List<DeviceCertificateView>>(HttpMethod.Get, $"api/equipment/{Uri.EscapeDataString(serial)}/certificates", null, null, ct);

    public Task<ApiResult<List<UserView>>> UsersAsync(CancellationToken ct) =>
        SendAsync<List<UserView>>(HttpMethod.Get, "api/users", null, null, ct);

    public Task<ApiResult<UserView>> InviteUserAsync(object request, CancellationToken ct) =>
        SendAsync<UserView>(HttpMethod.Post, "api/users", request, null, ct);

    public Task<ApiResult<UserView>> SetRoleAsync(string sub, string role, CancellationToken ct) =>
        SendAsync<UserView>(HttpMethod.Put, $"api/users/{Uri.EscapeDataString(sub)}/role", new { role }, null, ct);

    public Task<ApiResult<UserView>> SetFarmsAsync(string sub, IReadOnlyList<Guid> farmIds, CancellationToken ct) =>
        SendAsync<UserView>(HttpMethod.Put, $"api/users/{Uri.EscapeDataString(sub)}/farms", new { farmIds }, null, ct);

    public Task<ApiResult<UserView>> SetEnabledAsync(string sub, bool enabled, CancellationToken ct) =>
        SendAsync<UserView>(HttpMethod.Post, $"api/users/{Uri.EscapeDataString(sub)}/{(enabled ? "enable" : "disable")}", null, null, ct);

    public Task<ApiResult<object>> ResendInvitationAsync(string sub, CancellationToken ct) => UserActionAsync(sub, "invitation", ct);

    public Task<ApiResult<object>> ResetPasswordAsync(string sub, CancellationToken ct) => UserActionAsync(sub, "password-reset", ct);

    public Task<ApiResult<object>> SignOutEverywhereAsync(string sub, CancellationToken ct) => UserActionAsync(sub, "signout", ct);

    private Task<ApiResult<object>> UserActionAsync(string sub, string action, CancellationToken ct) =>
        SendAsync<object>(HttpMethod.Post, $"api/users/{Uri.EscapeDataString(sub)}/{action}", null, null, ct);

    public Task<ApiResult<T>> GetAsync<T>(string url, CancellationToken ct) => SendAsync<T>(HttpMethod.Get, url, null, null, ct);

    public Task<ApiResult<T>> PostAsync<T>(string url, CancellationToken ct) => SendAsync<T>(HttpMethod.Post, url, null, null, ct);

    public Task<ApiResult<T>> PutAsync<T>(string url, object body, CancellationToken ct) => SendAsync<T>(HttpMethod.Put, url, body, null, ct);

    public Task<ApiResult<object>> DeleteAsync(string url, CancellationToken ct) => SendAsync<object>(HttpMethod.Delete, url, null, null, ct);

    private async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string url, object? body, string? ifMatch, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = ApiAuthorization.Bearer(await session.GetAccessTokenAsync(ct));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await http.SendAsync(request, ct);
        if (response.IsSuccessStatusCode)
        {
            // No body to read: 204, and 202 from an API that only queues the work (Content-Length: 0).
            var empty = response.StatusCode == System.Net.HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0;
            var value = empty ? default : await response.Content.ReadFromJsonAsync<T>(Json, ct);
            return new ApiResult<T>(value, response.Headers.ETag?.ToString(), null);
        }

        return new ApiResult<T>(default, null, await ReadProblemAsync(response, ct));
    }

    private async Task<ApiProblem> ReadProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonObject>(Json, ct);
            var errors = problem?["errors"] is JsonObject fields
                ? fields.ToDictionary(f => f.Key, f => f.Value is JsonArray a ? a.Select(x => x?.ToString() ?? string.Empty).ToArray() : [f.Value?.ToString() ?? string.Empty])
                : new Dictionary<string, string[]>();
            return new ApiProblem(status, problem?["title"]?.ToString() ?? response.ReasonPhrase ?? text["UnknownError"], problem?["detail"]?.ToString(), errors);
        }
        catch (JsonException)
        {
            return new ApiProblem(status, response.ReasonPhrase ?? text["UnknownError"], null, new Dictionary<string, string[]>());
        }
    }
}
