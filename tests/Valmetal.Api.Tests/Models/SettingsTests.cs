using System.Text.Json.Nodes;
using Valmetal.Api.Data.Entities;
using Valmetal.Api.Features.Models;
using Valmetal.Api.Infrastructure;

namespace Valmetal.Api.Tests.Models;

public sealed class SettingsTests
{
    private static readonly ModelSetting[] Mixer =
    [
        new() { ModelCode = "VM-FM-1200", Key = "mode", Type = "string", Allowed = ["auto", "manual"] },
        new() { ModelCode = "VM-FM-1200", Key = "ration_kg", Type = "number", Min = 0, Max = 5000 },
        new() { ModelCode = "VM-FM-1200", Key = "mixing_minutes", Type = "integer", Min = 1 },
        new() { ModelCode = "VM-FM-1200", Key = "night_mode", Type = "boolean" },
        new() { ModelCode = "VM-FM-1200", Key = "note", Type = "string", MaxLength = 5 },
    ];

    [Theory]
    [InlineData("""{"mode":"manual","ration_kg":900,"mixing_minutes":12,"night_mode":false,"note":"hi"}""")]
    [InlineData("""{"ration_kg":0,"mixing_minutes":1.0}""")]
    [InlineData("""{"ration_kg":5000,"mode":null,"unknown_but_removed":null}""")]
    public void Desired_values_within_the_settings_pass(string desired) =>
        Assert.True(DesiredSettings.Check(Mixer, JsonNode.Parse(desired)!.AsObject(), new Validation()).IsValid);

    [Theory]
    [InlineData("""{"colour":"red"}""", "desired.colour", "is not a setting of this model; it accepts mixing_minutes, mode, night_mode, note, ration_kg")]
    [InlineData("""{"mode":"turbo"}""", "desired.mode", "must be one of auto, manual")]
    [InlineData("""{"mode":3}""", "desired.mode", "must be a string")]
    [InlineData("""{"ration_kg":5000.5}""", "desired.ration_kg", "must be between 0 and 5000")]
    [InlineData("""{"ration_kg":-0.1}""", "desired.ration_kg", "must be between 0 and 5000")]
    [InlineData("""{"ration_kg":"900"}""", "desired.ration_kg", "must be a number between 0 and 5000")]
    [InlineData("""{"mixing_minutes":1.5}""", "desired.mixing_minutes", "must be a whole number of at least 1")]
    [InlineData("""{"mixing_minutes":0}""", "desired.mixing_minutes", "must be of at least 1")]
    [InlineData("""{"night_mode":"yes"}""", "desired.night_mode", "must be true or false")]
    [InlineData("""{"night_mode":{"on":true}}""", "desired.night_mode", "must be true or false")]
    [InlineData("""{"note":"too long"}""", "desired.note", "must be at most 5 characters")]
    public void Each_offending_key_is_named_with_what_it_must_be(string desired, string field, string message)
    {
        var validation = DesiredSettings.Check(Mixer, JsonNode.Parse(desired)!.AsObject(), new Validation());

        Assert.Equal(message, Assert.Single(validation.Errors[field]));
    }

    [Fact]
    public void A_model_without_settings_accepts_any_key() =>
        Assert.True(DesiredSettings.Check([], JsonNode.Parse("""{"anything":[1,2,3]}""")!.AsObject(), new Validation()).IsValid);

    [Fact]
    public void A_well_formed_settings_list_is_valid() =>
        Assert.True(new UpdateSettingsRequest(
        [
            new SettingRequest("mode", "string", Allowed: ["auto", "manual"]),
            new SettingRequest("ration_kg", "number", 0, 5000),
            new SettingRequest("note", "string", MaxLength: 200),
            new SettingRequest("night_mode", "boolean"),
        ]).Validate().IsValid);

    [Theory]
    [InlineData("bad key!", "number", null, null, null, "settings[0].key")]
    [InlineData("x", "float", null, null, null, "settings[0].type")]
    [InlineData("x", "string", 0d, null, null, "settings[0].min")]
    [InlineData("x", "number", 10d, 1d, null, "settings[0].max")]
    [InlineData("x", "number", -1e13, null, null, "settings[0].min")]
    [InlineData("x", "boolean", null, null, 10, "settings[0].allowed")]
    [InlineData("x", "string", null, null, 0, "settings[0].maxLength")]
    public void Malformed_settings_name_the_field(string key, string type, double? min, double? max, int? maxLength, string field)
    {
        var validation = new UpdateSettingsRequest([new SettingRequest(key, type, min, max, maxLength)]).Validate();

        Assert.True(validation.Errors.ContainsKey(field), string.Join(", ", validation.Errors.Keys));
    }

    [Fact]
    public void Keys_must_be_unique_and_allowed_values_distinct()
    {
        var validation = new UpdateSettingsRequest(
        [
            new SettingRequest("mode", "string", Allowed: ["auto", "auto"]),
            new SettingRequest("mode", "boolean"),
        ]).Validate();

        Assert.Equal(["settings[0].allowed", "settings"], validation.Errors.Keys);
    }
}
