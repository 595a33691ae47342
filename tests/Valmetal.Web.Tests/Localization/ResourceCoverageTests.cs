using Valmetal.TestSupport;

namespace Valmetal.Web.Tests.Localization;

/// <summary>Every text a page reads exists in English and in French, with the same holes, and no resource is left unused.</summary>
public sealed class ResourceCoverageTests
{
    private static readonly string WebRoot = Path.Combine(RepositoryRoot.Path, "Valmetal.Web");
    private static readonly string Vocabulary = Path.Combine(WebRoot, "Localization", "Vocabulary");

    [Fact]
    public void Every_key_a_source_reads_is_in_its_english_and_french_resources()
    {
        var missing = ResourceCoverage.MissingKeys(WebRoot, ResourceCoverage.Sources(WebRoot), OwnResources, Vocabulary).ToList();

        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public void English_and_french_resources_have_the_same_keys_and_holes_and_every_key_is_read()
    {
        var problems = ResourceCoverage.UnmatchedResources(WebRoot, ResourceCoverage.Sources(WebRoot), OwnResources, Vocabulary).ToList();

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void The_check_sees_a_missing_key_a_dynamic_key_and_a_mismatched_hole()
    {
        const string Page = """
            <h1>@Text["Title"]</h1>
            <p>@Words["Save"] @Text[key] @Text["Count", n]</p>
            """;

        Assert.Equal(["Title", "Count"], ResourceCoverage.OwnKeys(Page));
        Assert.Equal(["Save"], ResourceCoverage.SharedKeys(Page));
        Assert.Equal(["Text[key"], ResourceCoverage.DynamicKeys(Page));
        Assert.False(ResourceCoverage.Holes("{0} units, {1:N0} points").SetEquals(ResourceCoverage.Holes("{0} unités")));
        Assert.Equal(Path.Combine("Pages", "FleetPage"), ResourceCoverage.OwnResources(Path.Combine("Pages", "FleetPage.razor.cs")));
    }

    private static string OwnResources(ResourceCoverage.Source source) => ResourceCoverage.OwnResources(source.Path);
}
