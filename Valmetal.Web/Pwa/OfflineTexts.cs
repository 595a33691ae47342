using System.Globalization;
using Microsoft.Extensions.Localization;
using Valmetal.Web.Components.Fleet;
using Valmetal.Web.Localization;

namespace Valmetal.Web.Pwa;

/// <summary>
/// What the offline fleet page (offline.html, offline.js) writes, in the language of the request that fetched the
/// snapshot: the page itself is a static file the service worker keeps, so its words travel with the data. Holes are
/// <c>{0}</c>, which the script fills.
/// </summary>
public sealed class OfflineTexts(IStringLocalizer<OfflineTexts> text, Vocabulary words)
{
    /// <summary>The language whose conventions the script formats the snapshot's time with (24 h in both).</summary>
    public static string Language => CultureInfo.CurrentCulture.Name;

    public object Page() => new
    {
        title = text["OfflineTitle"].Value,
        heading = text["FleetHeading"].Value,
        dataFrom = text["OfflineDataFrom"].Value,
        noData = text["OfflineNoData"].Value,
        notSaved = text["NothingSavedYet"].Value,
        summary = text["EquipmentAsLastSeen"].Value,
        oneAlarm = text["OneActiveAlarm"].Value,
        alarms = text["ActiveAlarms"].Value,
        next = text["NextTask"].Value,
        overdue = text["OverdueTask"].Value,
        tryAgain = text["TryAgain"].Value,
    };

    /// <summary>A unit's state as its badge shows it.</summary>
    public string State(OperatingState state) => words.OperatingState(state).ToLower(CultureInfo.CurrentCulture);
}
