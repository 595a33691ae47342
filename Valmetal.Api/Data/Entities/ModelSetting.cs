namespace Valmetal.Api.Data.Entities;

/// <summary>
/// One key a model accepts in its desired configuration, with its type and limits. A model that declares none accepts
/// any key, as before settings existed.
/// </summary>
public sealed class ModelSetting
{
    public required string ModelCode { get; set; }
    public required string Key { get; set; }

    /// <summary>One of <see cref="SettingTypes"/>.</summary>
    public required string Type { get; set; }

    public double? Min { get; set; }
    public double? Max { get; set; }
    public int? MaxLength { get; set; }
    public List<string>? Allowed { get; set; }
}

public static class SettingTypes
{
    public const string Number = "number";
    public const string WholeNumber = "integer";
    public const string Boolean = "boolean";
    public const string Text = "string";

    public static readonly IReadOnlyList<string> All = [Number, WholeNumber, Boolean, Text];
}
