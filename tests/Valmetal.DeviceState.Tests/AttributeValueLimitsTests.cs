using System.Text.Json.Nodes;

namespace Valmetal.DeviceState.Tests;

public sealed class AttributeValueLimitsTests
{
    [Theory]
    [InlineData("""{"mode":"manual","ration_kg":900,"steps":[1,2.5,{"at":"06:00"}],"on":true,"off":null}""")]
    [InlineData("""-0""")]
    [InlineData("""["NaN","Infinity","1e400"]""")]
    public void Values_dynamodb_can_store_pass(string json) => Assert.Null(AttributeValueLimits.FindUnstorable(JsonNode.Parse(json)));

    [Theory]
    [InlineData("""1e400""", "", "too large")]
    [InlineData("""{"a":{"b":[0,1,1e-400]}}""", ".a.b[2]", "too small")]
    [InlineData("""[{"x":123456789012345678901234567890123456789}]""", "[0].x", "significant digits")]
    public void The_first_unstorable_number_is_named_by_its_path(string json, string path, string reason)
    {
        var found = AttributeValueLimits.FindUnstorable(JsonNode.Parse(json));

        Assert.NotNull(found);
        Assert.Equal(path, found.Value.Path);
        Assert.Contains(reason, found.Value.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_is_limited_to_dynamodbs_32_levels()
    {
        var deepest = JsonNode.Parse(new string('[', AttributeValueLimits.MaxNesting) + new string(']', AttributeValueLimits.MaxNesting));
        var tooDeep = JsonNode.Parse(new string('[', AttributeValueLimits.MaxNesting + 1) + new string(']', AttributeValueLimits.MaxNesting + 1));

        Assert.Null(AttributeValueLimits.FindUnstorable(deepest));
        Assert.Contains("32 levels", AttributeValueLimits.FindUnstorable(tooDeep)?.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Numbers_built_in_code_that_json_cannot_carry_are_refused()
    {
        var found = AttributeValueLimits.FindUnstorable(new JsonObject { ["x"] = double.PositiveInfinity });

        Assert.Equal((".x", "must be a finite number"), found);
    }
}
