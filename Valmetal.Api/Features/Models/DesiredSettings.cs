using System.Text.Json;
using System.Text.Json.Nodes;
using Valmetal.Api.Data.Entities;
using Valmetal.Api.Infrastructure;

namespace Valmetal.Api.Features.Models;

/// <summary>Checks desired configuration against the settings its model declares (none declared: any key is accepted).</summary>
public static class DesiredSettings
{
    public static Validation Check(IReadOnlyCollection<ModelSetting> settings, JsonObject desired, Validation validation)
    {
        if (settings.Count == 0)
        {
            return validation;
        }

        foreach (var (key, value) in desired)
        {
            // A null removes the key, always allowed: keys written before the model declared its settings must be removable.
            if (value is null)
            {
                continue;
            }

            var field = "desired." + key;
            var setting = settings.FirstOrDefault(s => s.Key == key);
            if (setting is null)
            {
                validation.Add(field, $"is not a setting of this model; it accepts {string.Join(", ", settings.Select(s => s.Key).Order(StringComparer.Ordinal))}");
            }
            else if (Problem(setting, value) is { } problem)
            {
                validation.Add(field, problem);
            }
        }

        return validation;
    }

    private static string? Problem(ModelSetting setting, JsonNode value)
    {
        var kind = value is JsonValue scalar ? scalar.GetValueKind() : JsonValueKind.Object;
        return setting.Type switch
        {
            SettingTypes.Boolean => kind is JsonValueKind.True or JsonValueKind.False ? null : "must be true or false",
            SettingTypes.Text => kind != JsonValueKind.String ? "must be a string" : TextProblem(setting, value.GetValue<string>()),
            SettingTypes.WholeNumber when kind != JsonValueKind.Number || !double.IsInteger(value.GetValue<double>()) => "must be a whole number" + RangeText(setting),
            _ when kind != JsonValueKind.Number => "must be a number" + RangeText(setting),
            _ => value.GetValue<double>() is var number && (number < setting.Min || number > setting.Max) ? "must be" + RangeText(setting) : null,
        };
    }

    private static string? TextProblem(ModelSetting setting, string text)
    {
        if (setting.Allowed is { Count: > 0 } allowed && !allowed.Contains(text, StringComparer.Ordinal))
        {
            return $"must be one of {string.Join(", ", allowed)}";
        }

        return text.Length > setting.MaxLength ? $"must be at most {setting.MaxLength} characters" : null;
    }

    private static string RangeText(ModelSetting setting) => (setting.Min, setting.Max) switch
    {
        ({ } min, { } max) => $" between {min} and {max}",
        ({ } min, null) => $" of at least {min}",
        (null, { } max) => $" of at most {max}",
        _ => string.Empty,
    };
}
