using System.Text.Json.Nodes;
using Valmetal.Api.Features.Commands;

namespace Valmetal.Api.Tests.Commands;

public sealed class SendCommandRequestTests
{
    [Theory]
    [InlineData("""{"ration":1e1000000}""", "args.ration", "too large")]
    [InlineData("""{"steps":[1,123456789012345678901234567890123456789]}""", "args.steps[1]", "significant digits")]
    [InlineData("""{"note":"a\u0000b"}""", "args.note", "NUL")]
    [InlineData("""{"nested":{"k\u0000":1}}""", "args.nested", "NUL")]
    public void Arguments_that_jsonb_or_a_device_cannot_hold_are_refused_naming_them(string args, string field, string reason)
    {
        var validation = new SendCommandRequest("start", JsonNode.Parse(args)!.AsObject()).Validate();

        Assert.Contains(reason, Assert.Single(validation.Errors[field]), StringComparison.Ordinal);
    }

    [Fact]
    public void Ordinary_arguments_pass() =>
        Assert.True(new SendCommandRequest("start", JsonNode.Parse("""{"ration":"morning","kg":-0,"big":9223372036854775808}""")!.AsObject()).Validate().IsValid);
}
