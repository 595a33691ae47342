using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using Valmetal.Api.Infrastructure;
using Valmetal.DeviceContract.Alarms;

namespace Valmetal.Api.Features.Notifications;

public sealed record FarmNotificationRequest(Guid FarmId, bool Email, bool Push, bool Sms, string MinimumSeverity, TimeOnly? QuietFrom, TimeOnly? QuietUntil);

public sealed partial record NotificationSettingsRequest(string? Phone, string Language, IReadOnlyList<FarmNotificationRequest>? Farms)
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(NotificationSettingsApi));

    public const int MaxFarms = 200;

    public static readonly IReadOnlyList<string> Languages = RequestLanguages.All;

    public Validation Validate()
    {
        var validation = new Validation();
        if (Phone is not null && !E164().IsMatch(Phone))
        {
            validation.Add("phone", Text["PhoneFormat"]);
        }

        if (!Languages.Contains(Language))
        {
            validation.MustBeOneOf("language", Languages);
        }

        var farms = Farms ?? [];
        if (farms.Count > MaxFarms)
        {
            validation.Add("farms", Text["TooManyFarms", MaxFarms]);
        }

        foreach (var (farm, index) in farms.Select((f, i) => (f, i)))
        {
            if (!AlarmSeverity.IsValid(farm.MinimumSeverity))
            {
                validation.MustBeOneOf($"farms[{index}].minimumSeverity", AlarmSeverity.All);
            }

            if (farm.QuietFrom is null != farm.QuietUntil is null)
            {
                validation.Add($"farms[{index}].quietUntil", Text["QuietHoursIncomplete"]);
            }

            if (farm.Sms && Phone is null)
            {
                validation.Add($"farms[{index}].sms", Text["SmsNeedsPhone"]);
            }
        }

        if (farms.Select(f => f.FarmId).Distinct().Count() != farms.Count)
        {
            validation.Add("farms", Text["FarmTwice"]);
        }

        return validation;
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}$")]
    private static partial Regex E164();
}

/// <summary>What the API accepts as a browser's push subscription (the record is shared with the web app).</summary>
public static class PushSubscriptionRules
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(NotificationSettingsApi));

    public static Validation Validate(this PushSubscriptionRequest request)
    {
        var validation = new Validation().Required("endpoint", request.Endpoint, 2048)
            .Required("keys.p256dh", request.Keys?.P256dh, 128).Required("keys.auth", request.Keys?.Auth, 64);
        if (Uri.TryCreate(request.Endpoint, UriKind.Absolute, out var endpoint) && endpoint.Scheme != Uri.UriSchemeHttps)
        {
            validation.Add("endpoint", Text["HttpsOnly"]);
        }
        else if (endpoint is null && !string.IsNullOrEmpty(request.Endpoint))
        {
            validation.Add("endpoint", Text["HttpsOnly"]);
        }

        return validation;
    }
}
