using System.Globalization;

namespace Valmetal.Web.ApiClient;

/// <summary>Alarms and the admin's platform views (rejected messages, health), as the signed-in user.</summary>
public sealed class AlarmsClient(ValmetalApiCommands api)
{
    public const int PageSize = 50;

    public Task<ApiResult<PagedList<AlarmResponse>>> ListAsync(string state, string? serialNumber, int page, CancellationToken ct) =>
        api.GetAsync<PagedList<AlarmResponse>>(string.Create(CultureInfo.InvariantCulture,
            $"api/alarms?state={Uri.EscapeDataString(state)}&page={page}&pageSize={PageSize}{Query.Optional("serialNumber", serialNumber)}"), ct);

    /// <summary>Every open alarm of the caller's farms (the API's largest page), for the fleet overview.</summary>
    public Task<ApiResult<PagedList<AlarmResponse>>> OpenAsync(CancellationToken ct) => api.GetAsync<PagedList<AlarmResponse>>("api/alarms?state=open&pageSize=200", ct);

    public Task<ApiResult<AlarmSummary>> SummaryAsync(CancellationToken ct) => api.GetAsync<AlarmSummary>("api/alarms/summary", ct);

    public Task<ApiResult<AlarmResponse>> AcknowledgeAsync(Guid alarmId, CancellationToken ct) => api.PostAsync<AlarmResponse>($"api/alarms/{alarmId}/acknowledge", ct);

    public Task<ApiResult<RejectionsPage>> RejectionsAsync(string? reason, string? thing, int page, CancellationToken ct) =>
        api.GetAsync<RejectionsPage>(string.Create(CultureInfo.InvariantCulture,
            $"api/admin/rejections?page={page}&pageSize={PageSize}{Query.Optional("reason", reason)}{Query.Optional("thing", thing)}"), ct);

    public Task<ApiResult<PlatformHealth>> HealthAsync(CancellationToken ct) => api.GetAsync<PlatformHealth>("api/admin/platform-health", ct);
}
