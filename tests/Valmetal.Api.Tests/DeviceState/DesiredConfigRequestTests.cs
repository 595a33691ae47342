using System.Text.Json.Nodes;
using Valmetal.Api.Features.DeviceState;

namespace Valmetal.Api.Tests.DeviceState;

public sealed class DesiredConfigRequestTests
{
    [Theory]
    [InlineData("""{"desired":{"x":1e400}}""", "desired.x", "too large")]
    [InlineData("""{"desired":{"x":-1e400}}""", "desired.x", "too large")]
    [InlineData("""{"desired":{"x":1e-400}}""", "desired.x", "too small")]
    [InlineData("""{"desired":{"x":123456789012345678901234567890123456789}}""", "desired.x", "significant digits")]
    [InlineData("""{"desired":{"ok":1,"ration":{"steps":[5,1e999]}}}""", "desired.ration.steps[1]", "too large")]
    public void Numbers_dynamodb_cannot_store_are_refused_naming_the_key(string body, string field, string reason)
    {
        var validation = Parse(body).Validate();

        Assert.False(validation.IsValid);
        Assert.Contains(reason, Assert.Single(validation.Errors[field]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"desired":{"x":-0}}""")]
    [InlineData("""{"desired":{"x":9223372036854775808}}""")]
    [InlineData("""{"desired":{"x":"NaN","y":"1e400"}}""")]
    [InlineData("""{"desired":{"x":12345678901234567890123456789012345678}}""")]
    public void Edge_numbers_dynamodb_can_store_are_accepted(string body) => Assert.True(Parse(body).Validate().IsValid);

    [Fact]
    public void Keys_add_up_across_writes_to_at_most_the_total()
    {
        var current = new JsonObject(Enumerable.Range(0, DesiredConfigRequest.MaxTotalKeys).Select(i => KeyValuePair.Create($"k{i}", (JsonNode?)i)));

        var adding = Parse("""{"desired":{"one_more":1}}""").ValidateMerged(current);
        var replacing = Parse("""{"desired":{"k0":"changed","k1":null,"one_more":1}}""").ValidateMerged(current);

        Assert.Contains("at most 200 keys", Assert.Single(adding.Errors["desired"]), StringComparison.Ordinal);
        Assert.True(replacing.IsValid);
    }

    [Fact]
    public void The_merged_document_is_limited_in_size()
    {
        var current = new JsonObject(Enumerable.Range(0, 8).Select(i => KeyValuePair.Create($"k{i}", (JsonNode?)new string('x', 7_500))));

        var merged = Parse($$$"""{"desired":{"k8":"{{{new string('x', 7_500)}}}"}}""").ValidateMerged(current);

        Assert.Contains("64 KB", Assert.Single(merged.Errors["desired"]), StringComparison.Ordinal);
    }

    private static DesiredConfigRequest Parse(string body) =>
        new(JsonNode.Parse(body)!["desired"]!.AsObject().DeepClone().AsObject());
}
