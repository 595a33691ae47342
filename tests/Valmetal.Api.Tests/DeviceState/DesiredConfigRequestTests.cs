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

    private static DesiredConfigRequest Parse(string body) =>
        new(JsonNode.Parse(body)!["desired"]!.AsObject().DeepClone().AsObject());
}
