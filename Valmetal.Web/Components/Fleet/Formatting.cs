using System.Globalization;

namespace Valmetal.Web.Components.Fleet;

public static class Formatting
{
    public static string Value(double value) => value.ToString(Math.Abs(value) >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture);

    public static string Ago(DateTimeOffset? at, DateTimeOffset now)
    {
        if (at is null)
        {
            return "never";
        }

        var age = now - at.Value;
        return age.TotalSeconds < 60 ? $"{Math.Max(0, (int)age.TotalSeconds)} s ago"
            : age.TotalMinutes < 60 ? $"{(int)age.TotalMinutes} min ago"
            : age.TotalHours < 48 ? $"{(int)age.TotalHours} h ago"
            : at.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
