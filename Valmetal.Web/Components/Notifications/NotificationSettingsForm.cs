using System.Globalization;
using Valmetal.Web.ApiClient;

namespace Valmetal.Web.Components.Notifications;

/// <summary>
/// The notification settings page's fields: what the API returned, as the page edits it, and back as the API's request.
/// The API checks the rules (phone format, quiet hours both or neither, SMS needs a phone); the page shows its answer.
/// </summary>
public sealed class NotificationSettingsForm
{
    public string? Phone { get; set; }

    public string Language { get; set; } = Localization.Languages.English;

    public List<FarmChoices> Farms { get; init; } = [];

    public static NotificationSettingsForm From(NotificationSettingsResponse settings) => new()
    {
        Phone = settings.Phone,
        // Never chosen: the language the pages are in now, which saving makes the user's.
        Language = settings.Language ?? CultureInfo.CurrentUICulture.Name,
        Farms = settings.Farms.Select(f => new FarmChoices
        {
            FarmId = f.FarmId, FarmName = f.FarmName, Email = f.Email, Push = f.Push, Sms = f.Sms, MinimumSeverity = f.MinimumSeverity,
            QuietFrom = f.QuietFrom, QuietUntil = f.QuietUntil,
        }).ToList(),
    };

    /// <summary>The API's request; farms in the page's order, so the API's <c>farms[i]</c> errors name the page's rows.</summary>
    public object ToRequest() => new
    {
        phone = string.IsNullOrWhiteSpace(Phone) ? null : Phone.Trim(),
        language = Language,
        farms = Farms.Select(f => new
        {
            farmId = f.FarmId, email = f.Email, push = f.Push, sms = f.Sms, minimumSeverity = f.MinimumSeverity,
            quietFrom = f.QuietFrom, quietUntil = f.QuietUntil,
        }).ToList(),
    };

    /// <summary>The JSON name of a farm row's field, as the API's validation problem names it.</summary>
    public static string FarmField(int index, string field) => string.Create(CultureInfo.InvariantCulture, $"farms[{index}].{field}");

    public sealed class FarmChoices
    {
        public Guid FarmId { get; init; }

        public string FarmName { get; init; } = string.Empty;

        public bool Email { get; set; }

        public bool Push { get; set; }

        public bool Sms { get; set; }

        public string MinimumSeverity { get; set; } = string.Empty;

        public TimeOnly? QuietFrom { get; set; }

        public TimeOnly? QuietUntil { get; set; }
    }
}
