using System.Globalization;
using Microsoft.Extensions.Localization;
using Valmetal.Web.Localization;

namespace Valmetal.Web.Components.Fleet;

/// <summary>Values and ages as the fleet and equipment pages show them, in the reader's language and number format.</summary>
public sealed class Formatting(IStringLocalizer<Formatting> text, Vocabulary words)
{
    /// <summary>One decimal below 100, none above: 1.6 in English, 1,6 in French.</summary>
    public static string Value(double value) => value.ToString(Math.Abs(value) >= 100 ? "0" : "0.0", CultureInfo.CurrentCulture);

    public string Ago(DateTimeOffset? at, DateTimeOffset now)
    {
        if (at is null)
        {
            return text["NeverSeen"];
        }

        var age = now - at.Value;
        return age.TotalSeconds < 60 ? text["SecondsAgo", Math.Max(0, (int)age.TotalSeconds)]
            : age.TotalMinutes < 60 ? text["MinutesAgo", (int)age.TotalMinutes]
            : age.TotalHours < 48 ? text["HoursAgo", (int)age.TotalHours]
            : words.Day(at.Value);
    }
}
