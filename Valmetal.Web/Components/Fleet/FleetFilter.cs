namespace Valmetal.Web.Components.Fleet;

/// <summary>The fleet page's filters, taken from the query string so a filtered view can be bookmarked and works before scripts load.</summary>
public sealed record FleetFilter(string? Search, Guid? FarmId, OperatingState? State)
{
    public const int MaxSearchLength = 100;

    public static FleetFilter Parse(string? search, string? farm, string? state) => new(
        string.IsNullOrWhiteSpace(search) ? null : search.Trim()[..Math.Min(search.Trim().Length, MaxSearchLength)],
        Guid.TryParse(farm, out var farmId) ? farmId : null,
        Enum.TryParse<OperatingState>(state, ignoreCase: true, out var wanted) && Enum.IsDefined(wanted) ? wanted : null);

    public bool Matches(FleetRow row) =>
        (FarmId is null || row.Equipment.FarmId == FarmId)
        && (State is null || row.State == State)
        && (Search is null || Contains(row.Equipment.DisplayName) || Contains(row.Equipment.SerialNumber) || Contains(row.Equipment.ModelName));

    private bool Contains(string text) => text.Contains(Search!, StringComparison.OrdinalIgnoreCase);
}
