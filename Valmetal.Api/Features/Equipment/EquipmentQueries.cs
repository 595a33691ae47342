using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Valmetal.Api.Data;
using Valmetal.Api.Security;

namespace Valmetal.Api.Features.Equipment;

public static class EquipmentQueries
{
    public static readonly Expression<Func<Data.Entities.Equipment, EquipmentSummary>> ToSummary =
        e => new EquipmentSummary(e.SerialNumber, e.DisplayName, e.ModelCode, e.Model!.Name, e.Model.Kind.ToString(),
            e.FarmId, e.Farm!.Name, e.BarnId, e.Barn != null ? e.Barn.Name : null, e.InstalledOn, e.Firmware, e.Status.ToString(), e.RunHours);

    public static readonly IReadOnlyDictionary<string, string> SortFields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["serialNumber"] = "serialNumber", ["displayName"] = "displayName", ["installedOn"] = "installedOn",
        ["runHours"] = "runHours", ["farm"] = "farm", ["model"] = "model", ["status"] = "status",
    };

    /// <summary>Sort by a field name, '-' in front for descending; the serial number breaks ties so pages are stable.</summary>
    public static IQueryable<Data.Entities.Equipment> SortBy(this IQueryable<Data.Entities.Equipment> query, string sort)
    {
        var descending = sort.StartsWith('-');
        var field = SortFields[sort.TrimStart('-')];
        IOrderedQueryable<Data.Entities.Equipment> ordered = field switch
        {
            "displayName" => descending ? query.OrderByDescending(e => e.DisplayName) : query.OrderBy(e => e.DisplayName),
            "installedOn" => descending ? query.OrderByDescending(e => e.InstalledOn) : query.OrderBy(e => e.InstalledOn),
            "runHours" => descending ? query.OrderByDescending(e => e.RunHours) : query.OrderBy(e => e.RunHours),
            "farm" => descending ? query.OrderByDescending(e => e.Farm!.Name) : query.OrderBy(e => e.Farm!.Name),
            "model" => descending ? query.OrderByDescending(e => e.ModelCode) : query.OrderBy(e => e.ModelCode),
            "status" => descending ? query.OrderByDescending(e => e.Status) : query.OrderBy(e => e.Status),
            _ => descending ? query.OrderByDescending(e => e.SerialNumber) : query.OrderBy(e => e.SerialNumber),
        };
        return ordered.ThenBy(e => e.SerialNumber);
    }

    /// <summary>A unit the caller may see, tracked for update; null when missing or someone else's.</summary>
    public static Task<Data.Entities.Equipment?> FindVisibleAsync(this ValmetalDbContext db, CurrentUser user, string serialNumber, CancellationToken ct) =>
        db.Equipment.VisibleTo(user).FirstOrDefaultAsync(e => e.SerialNumber == serialNumber, ct);
}
