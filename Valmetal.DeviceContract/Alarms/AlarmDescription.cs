using System.Globalization;
using System.Resources;

namespace Valmetal.DeviceContract.Alarms;

/// <summary>
/// What an alarm says to a person, in their language (<c>AlarmDescription.resx</c>, English, and
/// <c>AlarmDescription.fr-CA.resx</c>). One rule for the text the telemetry service stores (English, for readers that
/// know no language), the API's alarm lists (the caller's language) and the notifier's messages (the recipient's).
/// Threshold and offline alarms are described from their facts; a fault carries the device's own words, which no one
/// translates, after its code.
/// </summary>
public static class AlarmDescription
{
    private static readonly ResourceManager Texts = new(typeof(AlarmDescription));

    /// <summary>The English of the stored text.</summary>
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo(LanguageCodes.English);

    /// <param name="kind">An <see cref="AlarmKind"/>.</param>
    /// <param name="source">The metric key, fault code or <see cref="AlarmKind.ConnectivitySource"/>.</param>
    /// <param name="stored">The stored text: a fault's words from the device (empty if it sent none).</param>
    /// <param name="value">A threshold alarm's reading.</param>
    /// <param name="threshold">A threshold alarm's threshold; an offline alarm's silence limit in seconds, none when the device said it went offline.</param>
    /// <param name="metric">The metric's name in <paramref name="culture"/>'s language, from the model's catalogue.</param>
    /// <param name="unit">The metric's unit as that language writes it.</param>
    public static string Describe(string kind, string source, string stored, double? value, double? threshold, string? metric, string? unit,
        CultureInfo culture) => kind switch
    {
        AlarmKind.Threshold when value is { } reading && threshold is { } limit =>
            // A metric without a unit leaves its spaces behind.
            Format(culture, "Threshold", metric ?? source, limit, unit ?? string.Empty, reading)
                .Replace("  ", " ", StringComparison.Ordinal).Replace(" )", ")", StringComparison.Ordinal),
        AlarmKind.Offline => threshold is { } seconds ? Format(culture, "Silent", seconds) : Format(culture, "SaidOffline"),
        AlarmKind.Fault => stored.Length > 0 ? Format(culture, "FaultSays", source, stored) : Format(culture, "Fault", source),
        _ => stored,
    };

    private static string Format(CultureInfo culture, string name, params object[] holes) =>
        string.Format(culture, Texts.GetString(name, culture) ?? throw new InvalidOperationException($"No alarm text {name}."), holes);
}
