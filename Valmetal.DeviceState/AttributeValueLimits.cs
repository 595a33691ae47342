using System.Text.Json;
using System.Text.Json.Nodes;

namespace Valmetal.DeviceState;

/// <summary>
/// Finds the part of a JSON value that DynamoDB would refuse, so a caller's bad value is a 400 naming it rather than a
/// failed write: numbers DynamoDB cannot hold (<see cref="DynamoDbNumber"/>) and nesting deeper than its 32 levels.
/// </summary>
public static class AttributeValueLimits
{
    /// <summary>DynamoDB stores maps and lists nested up to 32 levels; the attribute itself is the first.</summary>
    public const int MaxNesting = 32;

    /// <summary>The first unstorable part as (path below the value, reason), or null when all of it can be stored.</summary>
    public static (string Path, string Reason)? FindUnstorable(JsonNode? value) => Find(value, string.Empty, 1);

    private static (string Path, string Reason)? Find(JsonNode? node, string path, int level)
    {
        switch (node)
        {
            case JsonObject or JsonArray when level > MaxNesting:
                return (path, $"nests maps and lists more than {MaxNesting} levels deep");
            case JsonObject obj:
                foreach (var (key, item) in obj)
                {
                    if (Find(item, $"{path}.{key}", level + 1) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (Find(array[i], $"{path}[{i}]", level + 1) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValue number when number.GetValueKind() == JsonValueKind.Number:
                return Check(number) is { } reason ? (path, reason) : null;
            default:
                return null;
        }
    }

    private static string? Check(JsonValue number)
    {
        // Parsed JSON keeps the number's text, which may hold more than a double can (1e400 would read as infinity).
        if (number.TryGetValue<JsonElement>(out var parsed))
        {
            return DynamoDbNumber.Check(parsed.GetRawText());
        }

        return number.TryGetValue<double>(out var built) && !double.IsFinite(built)
            ? "must be a finite number"
            : DynamoDbNumber.Check(number.ToJsonString());
    }
}
