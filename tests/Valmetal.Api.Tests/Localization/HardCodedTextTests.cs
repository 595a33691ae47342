using Valmetal.TestSupport;

namespace Valmetal.Api.Tests.Localization;

/// <summary>Every title, detail and validation message the API answers comes from its resources, in French and English.</summary>
public sealed class HardCodedTextTests
{
    private static readonly string ApiRoot = Path.Combine(RepositoryRoot.Path, "Valmetal.Api");

    /// <summary>
    /// Data: the schema, its migrations and the demo fleet, data rather than messages. OpenAPI examples: documentation.
    /// </summary>
    private static readonly string[] NotAnswers = [$"Data{Path.DirectorySeparatorChar}", Path.Combine("Infrastructure", "OpenApiExamples.cs")];

    [Fact]
    public void The_check_finds_a_problem_title_and_a_validation_message_written_in_code()
    {
        const string Source = """
            return TypedResults.Problem(title: "Some English", detail: Text["Detail"], statusCode: StatusCodes.Status409Conflict);
            validation.Add("serialNumber", "must be 1 to 64 letters");
            errors["farmIds"] = [$"at most {MaxFarmsPerUser} farms"];
            return Problem(StatusCodes.Status502BadGateway, Text["Failed"], Text["FailedDetail"]);
            LogRefused(logger, "Refused by the broker");
            farms.MapGet("/", ListFarms).WithTags("Farms")
                .WithDescription("Defaults to the last hour. "
                    + "Ranges span at most 400 days.");
            var body = new JsonObject { ["Username"] = email };
            """;

        var found = HardCodedText.InCSharp(Source).ToList();

        Assert.Equal(["Some English", "must be 1 to 64 letters", "at most farms"], found);
    }

    [Fact]
    public void No_source_of_the_api_writes_a_problem_or_a_validation_message_outside_the_resources()
    {
        var found = ResourceCoverage.Sources(ApiRoot)
            .Select(source => (Path: Path.GetRelativePath(ApiRoot, source.Path), source.Content))
            .Where(source => !NotAnswers.Any(source.Path.StartsWith))
            .SelectMany(source => HardCodedText.InCSharp(source.Content).Select(text => $"{source.Path}: {text}"))
            .ToList();

        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
    }
}
