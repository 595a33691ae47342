using System.Globalization;
using Microsoft.Extensions.Localization;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.Alarms;
using Valmetal.DeviceContract.Notifications;

namespace Valmetal.Notifier.Messages;

/// <summary>
/// Writes a message about an alarm in the recipient's language (<c>Resources/AlarmText*.resx</c>): the unit, its farm,
/// the metric with its value and unit, the severity, when it started on the farm's clock, and a link to the alarm.
/// </summary>
public sealed class AlarmText(IStringLocalizer<AlarmText> text)
{
    public RenderedMessage Render(string kind, AlarmFacts alarm, string language, int count, Uri webBaseUrl) => In(language, culture =>
    {
        var link = new Uri(webBaseUrl, $"alarms?serial={Uri.EscapeDataString(alarm.SerialNumber)}&alarm={alarm.AlarmId}");
        var severity = text["Severity_" + alarm.Severity].Value;
        var (metric, unit) = alarm.Metric(culture.TwoLetterISOLanguageName == "fr");
        // A reading says itself shortest as metric, value and unit (an SMS has little room); the rest as the app describes it.
        var what = alarm.Kind == AlarmKind.Threshold && alarm.Value is { } value && metric is not null
            ? string.Create(culture, $"{metric} {value:0.#} {unit}").TrimEnd()
            : AlarmDescription.Describe(alarm.Kind, alarm.Source, alarm.Message, alarm.Value, alarm.Threshold, metric, unit, culture);
        var started = TimeZoneInfo.ConvertTime(alarm.RaisedAt, FarmClock.Of(alarm.TimeZone)).ToString("g", culture);
        var subject = text["Subject_" + kind, severity, alarm.EquipmentName, what].Value;
        var lines = new List<string>
        {
            text["Body_" + kind].Value,
            text["Line_unit", alarm.EquipmentName, alarm.SerialNumber].Value,
            text["Line_farm", alarm.FarmName].Value,
            text["Line_what", what].Value,
            text["Line_severity", severity].Value,
            text["Line_started", started].Value,
        };
        if (count > 1)
        {
            lines.Add(text["Line_count", count].Value);
        }

        lines.Add(text["Line_link", link].Value);
        var sms = text["Sms_" + kind, severity, alarm.EquipmentName, what, link].Value;
        return new RenderedMessage(subject, string.Join('\n', lines), count > 1 ? $"{sms} (×{count})" : sms, link);
    });

    /// <summary>A test message from the account page: says which channel works, in the user's language.</summary>
    public RenderedMessage RenderTest(string language, Uri webBaseUrl) => In(language, _ =>
        new RenderedMessage(text["Subject_" + AlarmEventKind.Test].Value, text["Body_" + AlarmEventKind.Test].Value,
            text["Sms_" + AlarmEventKind.Test].Value, new Uri(webBaseUrl, "account/notifications")));

    /// <summary>
    /// Renders in the recipient's language (English if it is not one of ours). The localizer reads the current UI
    /// culture; rendering is synchronous, so setting it here affects nothing else.
    /// </summary>
    private static RenderedMessage In(string language, Func<CultureInfo, RenderedMessage> render)
    {
        var culture = CultureInfo.GetCultureInfo(RequestLanguages.IsSupported(language) ? language : LanguageCodes.Default);
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            return render(culture);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
