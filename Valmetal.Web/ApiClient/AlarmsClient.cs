using System.Globalization;

namespace Valmetal.Web.ApiClient;

/// <summary>Alarms and the admin's platform views (rejected messages, health), as the signed-in user.</summary>
public sealed class AlarmsClient(ValmetalApiCommands api)
{
    public const int PageSize = 50;

    public Task<ApiResult<AlarmPageView>> ListAsync(string state, string? serialNumber, int page, CancellationToken ct) =>
        api.GetAsync<AlarmPageView>(string.Create(CultureInfo.InvariantCulture,
            $"api/alarms?state={Uri.EscapeDataString(state)}&page={page}&pageSize={PageSize}{Query.Optional("serialNumber", serialNumber)}"), ct);

    /// <summary>Every open alarm of the caller's farms (the API's largest page), for the fleet overview.</summary>
    public Task<ApiResult<AlarmPageView>> OpenAsync(CancellationToken ct) => api.GetAsync<AlarmPageView>("api/alarms?state=open&pageSize=200", ct);

    public Task<ApiResult<AlarmSummaryView>> SummaryAsync(CancellationToken ct) => api.GetAsync<AlarmSummaryView>("api/alarms/summary", ct);

    public Task<ApiResult<AlarmView>> AcknowledgeAsync(Guid alarmId, CancellationToken ct) => api.PostAsync<AlarmView>($"api/alarms/{alarmId}/acknowledge", ct);

    public Task<ApiResult<RejectionsPageView>> RejectionsAsync(string? reason, string? thing, int page, CancellationToken ct) =>
        api.GetAsync<RejectionsPageView>(string.Create(CultureInfo.InvariantCulture,
            $"api/admin/rejections?page={page}&pageSize={PageSize}{Query.Optional("reason", reason)}{Query.Optional("thing", thing)}"), ct);

    public Task<ApiResult<PlatformHealthView>> HealthAsync(CancellationToken ct) => api.GetAsync<PlatformHealthView>("api/admin/platform-health", ct);
}
