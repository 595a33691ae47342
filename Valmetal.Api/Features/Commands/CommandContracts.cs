using System.Text.Json.Nodes;
using Microsoft.Extensions.Localization;
using Valmetal.Api.Infrastructure;
using Valmetal.DeviceContract;
using Valmetal.DeviceState;

namespace Valmetal.Api.Features.Commands;

/// <summary>A command for the equipment, such as start, stop or reset_fault, valid until it expires.</summary>
public sealed record SendCommandRequest(string Name, JsonObject? Args = null, int ExpiresInSeconds = 60)
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(CommandsApi));

    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal) { "start", "stop", "reset_fault", "identify" };

    public Validation Validate()
    {
        var validation = new Validation().Range("expiresInSeconds", ExpiresInSeconds, 5, 3600);
        if (!Known.Contains(Name))
        {
            validation.MustBeOneOf("name", Known);
        }

        if (Args is { } args && (args.Count > 20 || args.ToJsonString().Length > 4096 || args.Any(a => !ThingName.IsValid(a.Key))))
        {
            validation.Add("args", Text["ArgsLimits", 20, 4]);
        }
        else if (Args is not null)
        {
            // Arguments are stored as jsonb and sent to a device: numbers keep to what the shadow can hold (PostgreSQL
            // refuses 1e1000000 outright), and jsonb refuses NUL in any string.
            foreach (var (key, value) in Args)
            {
                if (AttributeValueLimits.FindUnstorable(value) is { } unstorable)
                {
                    validation.Add($"args.{key}{unstorable.Path}", unstorable.Reason);
                }
                else if (HasNul(value))
                {
                    validation.Add($"args.{key}", Text["NulCharacters"]);
                }
            }
        }

        return validation;
    }

    private static bool HasNul(JsonNode? node) => node switch
    {
        JsonObject obj => obj.Any(p => p.Key.Contains('\0', StringComparison.Ordinal) || HasNul(p.Value)),
        JsonArray array => array.Any(HasNul),
        JsonValue value => value.TryGetValue<string>(out var text) && text.Contains('\0', StringComparison.Ordinal),
        _ => false,
    };
}

