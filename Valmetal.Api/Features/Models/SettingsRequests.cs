using System.Globalization;
using Microsoft.Extensions.Localization;
using Valmetal.Api.Data.Entities;
using Valmetal.Api.Infrastructure;

namespace Valmetal.Api.Features.Models;

/// <summary>One desired configuration key of a model: numbers and integers may have a range, strings a length and a list of allowed values.</summary>
public sealed record SettingRequest(string Key, string Type, double? Min = null, double? Max = null, int? MaxLength = null, IReadOnlyList<string>? Allowed = null);

/// <summary>Replaces the keys a model accepts in desired configuration; an empty list accepts any key.</summary>
public sealed record UpdateSettingsRequest(IReadOnlyList<SettingRequest> Settings)
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(ModelsApi));

    public const int MaxSettings = 100;
    public const int MaxAllowedValues = 50;
    public const int MaxStringLength = 4096;

    /// <summary>Ranges stay well inside what DynamoDB and a double hold exactly enough to compare.</summary>
    public const double MaxMagnitude = 1e12;

    public Validation Validate()
    {
        var validation = new Validation();
        if (Settings.Count > MaxSettings)
        {
            return validation.Add("settings", Text["SettingCount", MaxSettings]);
        }

        for (var i = 0; i < Settings.Count; i++)
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"settings[{i}]");
            if (Settings[i] is not { } setting)
            {
                validation.Missing(at);
                continue;
            }

            validation.Name($"{at}.key", setting.Key);
            if (!SettingTypes.All.Contains(setting.Type))
            {
                validation.MustBeOneOf($"{at}.type", SettingTypes.All);
            }

            var numeric = setting.Type is SettingTypes.Number or SettingTypes.WholeNumber;
            if (!numeric && (setting.Min is not null || setting.Max is not null))
            {
                validation.Add($"{at}.min", Text["RangeOnlyForNumbers"]);
            }

            validation.Range($"{at}.min", setting.Min, -MaxMagnitude, MaxMagnitude).Range($"{at}.max", setting.Max, -MaxMagnitude, MaxMagnitude);
            if (setting.Min > setting.Max)
            {
                validation.Add($"{at}.max", Text["MaxBelowMin"]);
            }

            ValidateText(validation, at, setting);
        }

        return Settings.Where(s => s is not null).GroupBy(s => s.Key, StringComparer.Ordinal).Any(g => g.Count() > 1)
            ? validation.Add("settings", Text["KeysNotUnique"])
            : validation;
    }

    private static void ValidateText(Validation validation, string at, SettingRequest setting)
    {
        if (setting.Type != SettingTypes.Text && (setting.MaxLength is not null || setting.Allowed is not null))
        {
            validation.Add($"{at}.allowed", Text["LengthOnlyForText"]);
            return;
        }

        validation.Range($"{at}.maxLength", setting.MaxLength, 1, MaxStringLength);
        if (setting.Allowed is not { } allowed)
        {
            return;
        }

        if (allowed.Count is 0 or > MaxAllowedValues || allowed.Distinct(StringComparer.Ordinal).Count() != allowed.Count)
        {
            validation.Add($"{at}.allowed", Text["AllowedCount", MaxAllowedValues]);
        }

        for (var j = 0; j < allowed.Count; j++)
        {
            validation.Required(string.Create(CultureInfo.InvariantCulture, $"{at}.allowed[{j}]"), allowed[j], setting.MaxLength ?? 256);
        }
    }
}
