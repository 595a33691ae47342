using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;

namespace Valmetal.DeviceState;

/// <summary>Maps reported JSON values to DynamoDB attribute values and back, keeping their types.</summary>
public static class AttributeValueJson
{
    public static AttributeValue ToAttributeValue(JsonNode? node) => node switch
    {
        null => new AttributeValue { NULL = true },
        JsonObject obj => new AttributeValue { M = obj.ToDictionary(p => p.Key, p => ToAttributeValue(p.Value)) },
        JsonArray array => new AttributeValue { L = array.Select(ToAttributeValue).ToList() },
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => new AttributeValue { S = value.GetValue<string>() },
            JsonValueKind.Number => new AttributeValue { N = NumberText(value.ToJsonString()) },
            JsonValueKind.True => new AttributeValue { BOOL = true },
            JsonValueKind.False => new AttributeValue { BOOL = false },
            _ => new AttributeValue { NULL = true },
        },
        _ => new AttributeValue { NULL = true },
    };

    public static JsonNode? ToJsonNode(AttributeValue value)
    {
        if (value.S is not null)
        {
            return JsonValue.Create(value.S);
        }

        if (value.N is not null)
        {
            return JsonNode.Parse(value.N);
        }

        if (value.BOOL is { } flag)
        {
            return JsonValue.Create(flag);
        }

        if (value.M is not null)
        {
            var obj = new JsonObject();
            foreach (var (key, item) in value.M)
            {
                obj[key] = ToJsonNode(item);
            }

            return obj;
        }

        return value.L is not null ? new JsonArray([.. value.L.Select(ToJsonNode)]) : null;
    }

    /// <summary>A metric's value; magnitudes below DynamoDB's smallest (1E-130) are stored as the zero they round to.</summary>
    public static AttributeValue Number(double value) =>
        new() { N = Math.Abs(value) < 1E-130 ? "0" : value.ToString("R", CultureInfo.InvariantCulture) };

    /// <summary>Zero in any spelling (-0, 0.00, 0e5) is written "0": DynamoDB keeps no sign or scale for zero.</summary>
    private static string NumberText(string json)
    {
        var mantissa = json.AsSpan(0, json.AsSpan().IndexOfAny('e', 'E') is var e and >= 0 ? e : json.Length);
        return mantissa.IndexOfAnyInRange('1', '9') < 0 ? "0" : json;
    }

    public static AttributeValue Timestamp(DateTimeOffset value) => new() { S = value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) };
}
