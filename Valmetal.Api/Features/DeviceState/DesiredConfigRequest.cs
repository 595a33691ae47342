using System.Text.Json.Nodes;
using Microsoft.Extensions.Localization;
using Valmetal.Api.Infrastructure;
using Valmetal.DeviceContract;
using Valmetal.DeviceState;

namespace Valmetal.Api.Features.DeviceState;

/// <summary>Partial merge of desired configuration; a null value removes the key.</summary>
public sealed record DesiredConfigRequest(JsonObject Desired)
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(DesiredConfigApi));

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
            return validation.Add("desired", Text["KeyCount", MaxKeys]);
        }

        foreach (var (key, value) in Desired)
        {
            if (!ThingName.IsValid(key))
            {
                validation.Add($"desired.{key[..Math.Min(key.Length, 64)]}", Text["KeyNotAName"]);
            }
            else if (AttributeValueLimits.FindUnstorable(value) is { } unstorable)
            {
                validation.Add($"desired.{key}{unstorable.Path}", unstorable.Reason);
            }
        }

        return Desired.ToJsonString().Length > MaxBytes ? validation.Add("desired", Text["TooManyBytes", MaxBytes]) : validation;
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
            validation.Add("desired", Text["MergedKeyCount", MaxTotalKeys]);
        }

        return merged.ToJsonString().Length > MaxTotalBytes
            ? validation.Add("desired", Text["MergedTooLarge", MaxTotalBytes / 1024])
            : validation;
    }
}
