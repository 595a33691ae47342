using System.Text.RegularExpressions;

namespace Valmetal.DeviceContract;

/// <summary>Thing name = equipment serial number = certificate CN = MQTT client id.</summary>
public static partial class ThingName
{
    public static bool IsValid(string? candidate) => candidate is not null && Pattern().IsMatch(candidate);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
