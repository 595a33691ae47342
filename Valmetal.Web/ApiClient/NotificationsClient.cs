using System.Globalization;

namespace Valmetal.Web.ApiClient;

/// <summary>Alarm notifications, as the signed-in user: their own settings and push subscriptions, and the admin's log and escalation.</summary>
public sealed class NotificationsClient(ValmetalApiCommands api)
{
    public const int LogPageSize = 50;

    public Task<ApiResult<NotificationSettingsResponse>> SettingsAsync(CancellationToken ct) =>
        api.GetAsync<NotificationSettingsResponse>("api/me/notifications", ct);

    public Task<ApiResult<NotificationSettingsResponse>> SaveSettingsAsync(object request, CancellationToken ct) =>
        api.PutAsync<NotificationSettingsResponse>("api/me/notifications", request, ct);

    /// <summary>Accepted (202) once the test is queued; the notifier sends it on every channel the user has.</summary>
    public Task<ApiResult<object>> SendTestAsync(CancellationToken ct) => api.PostAsync<object>("api/me/notifications/test", ct);

    public Task<ApiResult<object>> SubscribeAsync(PushSubscriptionRequest subscription, CancellationToken ct) =>
        api.PutAsync<object>("api/me/notifications/push", subscription, ct);

    public Task<ApiResult<object>> UnsubscribeAsync(string endpoint, CancellationToken ct) =>
        api.DeleteAsync($"api/me/notifications/push?endpoint={Uri.EscapeDataString(endpoint)}", ct);

    public Task<ApiResult<PagedList<NotificationLogEntry>>> LogAsync(string? status, string? channel, int page, CancellationToken ct) =>
        api.GetAsync<PagedList<NotificationLogEntry>>(string.Create(CultureInfo.InvariantCulture,
            $"api/notifications?page={page}&pageSize={LogPageSize}{Query.Optional("status", status)}{Query.Optional("channel", channel)}"), ct);

    public Task<ApiResult<EscalationSettings>> EscalationAsync(Guid farmId, CancellationToken ct) =>
        api.GetAsync<EscalationSettings>($"api/farms/{farmId}/escalation", ct);

    public Task<ApiResult<EscalationSettings>> SaveEscalationAsync(Guid farmId, EscalationSettings escalation, CancellationToken ct) =>
        api.PutAsync<EscalationSettings>($"api/farms/{farmId}/escalation", escalation, ct);
}
