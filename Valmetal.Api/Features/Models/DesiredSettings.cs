using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Localization;
using Valmetal.Api.Data.Entities;
using Valmetal.Api.Infrastructure;

namespace Valmetal.Api.Features.Models;

/// <summary>Checks desired configuration against the settings its model declares (none declared: any key is accepted).</summary>
public static class DesiredSettings
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(ModelsApi));

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
                validation.Add(field, Text["NotASetting", string.Join(", ", settings.Select(s => s.Key).Order(StringComparer.Ordinal))]);
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
            SettingTypes.Boolean => kind is JsonValueKind.True or JsonValueKind.False ? (string?)null : Text["NotBoolean"],
            SettingTypes.Text => kind != JsonValueKind.String ? Text["NotString"] : TextProblem(setting, value.GetValue<string>()),
            SettingTypes.WholeNumber when kind != JsonValueKind.Number || !double.IsInteger(value.GetValue<double>()) => WholeNumberProblem(setting),
            _ when kind != JsonValueKind.Number => NumberProblem(setting),
            _ => value.GetValue<double>() is var number && (number < setting.Min || number > setting.Max) ? RangeProblem(setting) : null,
        };
    }

    private static string? TextProblem(ModelSetting setting, string text)
    {
        if (setting.Allowed is { Count: > 0 } allowed && !allowed.Contains(text, StringComparer.Ordinal))
        {
            return Text["NotAllowed", string.Join(", ", allowed)];
        }

        return text.Length > setting.MaxLength ? Text["TooLong", setting.MaxLength] : (string?)null;
    }

    private static string WholeNumberProblem(ModelSetting setting) => (setting.Min, setting.Max) switch
    {
        ({ } min, { } max) => Text["WholeNumberBetween", min, max],
        ({ } min, null) => Text["WholeNumberAtLeast", min],
        (null, { } max) => Text["WholeNumberAtMost", max],
        _ => Text["WholeNumber"],
    };

    private static string NumberProblem(ModelSetting setting) => (setting.Min, setting.Max) switch
    {
        ({ } min, { } max) => Text["NumberBetween", min, max],
        ({ } min, null) => Text["NumberAtLeast", min],
        (null, { } max) => Text["NumberAtMost", max],
        _ => Text["Number"],
    };

    private static string RangeProblem(ModelSetting setting) => (setting.Min, setting.Max) switch
    {
        ({ } min, null) => Text["AtLeast", min],
        (null, { } max) => Text["AtMost", max],
        _ => Text["Between", setting.Min!, setting.Max!],
    };
}
