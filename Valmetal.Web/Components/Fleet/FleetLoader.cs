using Valmetal.Web.ApiClient;

namespace Valmetal.Web.Components.Fleet;

/// <summary>Reads everything the fleet overview shows in parallel and folds it into one compact snapshot.</summary>
public sealed class FleetLoader(ValmetalApiClient api, ValmetalApiCommands commands, AlarmsClient alarms, TimeProvider time)
{
    public async Task<FleetSnapshot> LoadAsync(CancellationToken ct)
    {
        var farmsTask = api.GetFarmsAsync(ct);
        var equipmentTask = api.GetEquipmentAsync(null, ct);
        var statesTask = api.GetFleetStateAsync(ct);
        var dueTask = commands.MaintenanceAsync(overdueOnly: false, ct);
        var alarmsTask = alarms.OpenAsync(ct);
        var modelsTask = commands.ModelsAsync(ct);
        var states = ((await statesTask).Found() ?? []).ToDictionary(s => s.SerialNumber, StringComparer.Ordinal);
        var due = ((await dueTask).Value?.Items ?? [])
            .GroupBy(m => m.SerialNumber, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(m => m.Overdue).ThenBy(m => m.DueAt ?? DateTimeOffset.MaxValue).First(), StringComparer.Ordinal);
        var open = ((await alarmsTask).Value?.Items ?? []).ToLookup(a => a.SerialNumber, StringComparer.Ordinal);
        var rows = ((await equipmentTask).Found()?.Items ?? []).Select(e =>
        {
            var next = due.TryGetValue(e.SerialNumber, out var task) ? new DueTask(task.Title, task.DueAt, task.DueRunHours, task.Overdue) : null;
            var alarmsOf = open[e.SerialNumber].ToList();
            var critical = alarmsOf.Any(a => OperatingStates.IsCritical(a.Severity));
            return states.TryGetValue(e.SerialNumber, out var state)
                ? new FleetRowSnapshot(e, state.Online, OperatingStates.FromReported(state.Reported), state.LastSeen,
                    state.Metrics.ToDictionary(m => m.Key, m => m.Value.Value), next, alarmsOf.Count, critical)
                : new FleetRowSnapshot(e, false, OperatingState.Running, null, [], next, alarmsOf.Count, critical);
        }).ToList();
        var usedModels = rows.Select(r => r.Equipment.ModelCode).ToHashSet(StringComparer.Ordinal);
        var labels = ((await modelsTask).Value ?? [])
            .Where(m => usedModels.Contains(m.Code))
            .ToDictionary(m => m.Code, m => MetricLabel.Of(m.Metrics), StringComparer.Ordinal);
        return new FleetSnapshot(time.GetUtcNow(), (await farmsTask).Found() ?? [], rows, labels);
    }

    /// <summary>
    /// What the live stream reports only as changes (connectivity, alarms), read again once the page's stream is
    /// subscribed: a change made between the snapshot and the subscription reaches the page only this way.
    /// </summary>
    public async Task<FleetRefresh> RefreshAsync(CancellationToken ct)
    {
        var statesTask = api.GetFleetStateAsync(ct);
        var alarmsTask = alarms.OpenAsync(ct);
        var states = ((await statesTask).Found() ?? []).ToDictionary(s => s.SerialNumber, StringComparer.Ordinal);
        // Failing is better than showing no alarms: the live feed reconnects and reads again.
        var open = (await alarmsTask) is { Value: { } page } ? page.Items : throw new HttpRequestException("The open alarms could not be read.");
        return new FleetRefresh(states, open.ToLookup(a => a.SerialNumber, StringComparer.Ordinal));
    }
}
