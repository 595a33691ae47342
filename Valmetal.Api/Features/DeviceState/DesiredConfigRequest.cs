using System.Text.Json.Nodes;
using Valmetal.Api.Infrastructure;
using Valmetal.DeviceContract;
using Valmetal.DeviceState;

namespace Valmetal.Api.Features.DeviceState;

/// <summary>Partial merge of desired configuration; a null value removes the key.</summary>
public sealed record DesiredConfigRequest(JsonObject Desired)
{
    public const int MaxKeys = 50;
    public const int MaxBytes = 8 * 1024;

    /// <summary>
    /// Limits of the whole desired document once merged: each write is small, but keys add up, and a DynamoDB item
    /// (desired and reported together) may not exceed 400 KB.
    /// </summary>
    public const int MaxTotalKeys = 200;
    public const int MaxTotalBytes = 64 * 1024;

    public Validation Validate()
    {
        var validation = new Validation();
        if (Desired.Count is 0 or > MaxKeys)
        {
            return validation.Add("desired", $"must set 1 to {MaxKeys} keys");
        }

        foreach (var (key, value) in Desired)
        {
            if (!ThingName.IsValid(key))
            {
                validation.Add($"desired.{key[..Math.Min(key.Length, 64)]}", "keys must be 1 to 64 letters, digits, '-' or '_'");
            }
            else if (AttributeValueLimits.FindUnstorable(value) is { } unstorable)
            {
                validation.Add($"desired.{key}{unstorable.Path}", unstorable.Reason);
            }
        }

        return Desired.ToJsonString().Length > MaxBytes ? validation.Add("desired", $"must be at most {MaxBytes} bytes of JSON") : validation;
    }

    /// <summary>Checks what the device's desired configuration becomes once this change is merged into <paramref name="current"/>.</summary>
    public Validation ValidateMerged(JsonObject current)
    {
        var merged = (JsonObject)current.DeepClone();
        foreach (var (key, value) in Desired)
        {
            if (value is null)
            {
                merged.Remove(key);
            }
            else
            {
                merged[key] = value.DeepClone();
            }
        }

        var validation = new Validation();
        if (merged.Count > MaxTotalKeys)
        {
            validation.Add("desired", $"the device's desired configuration may hold at most {MaxTotalKeys} keys; remove some by setting them to null");
        }

        return merged.ToJsonString().Length > MaxTotalBytes
            ? validation.Add("desired", $"the device's desired configuration may hold at most {MaxTotalBytes / 1024} KB of JSON")
            : validation;
    }
}
