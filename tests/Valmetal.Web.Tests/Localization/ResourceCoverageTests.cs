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
        var missing = new List<string>();
        foreach (var source in Sources())
        {
            var own = ResourceCoverage.OwnResources(source.Path);
            foreach (var (keys, resources) in new[] { (ResourceCoverage.OwnKeys(source.Content), own), (ResourceCoverage.SharedKeys(source.Content), Vocabulary) })
            {
                foreach (var culture in new[] { ResourceCoverage.Neutral, ResourceCoverage.French })
                {
                    var present = ResourceCoverage.Read(resources, culture);
                    missing.AddRange(keys.Where(k => !present.ContainsKey(k)).Select(k => $"{Relative(source.Path)}: {k} is not in {Relative(resources)}{(culture.Length > 0 ? "." + culture : "")}.resx"));
                }
            }

            missing.AddRange(ResourceCoverage.DynamicKeys(source.Content).Select(use => $"{Relative(source.Path)}: {use} (keys must be literals)"));
        }

        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing.Distinct()));
    }

    [Fact]
    public void English_and_french_resources_have_the_same_keys_and_holes_and_every_key_is_read()
    {
        var sources = Sources().ToList();
        var problems = new List<string>();
        foreach (var neutral in Directory.EnumerateFiles(WebRoot, "*.resx", SearchOption.AllDirectories).Where(IsNeutral))
        {
            var resources = neutral[..^".resx".Length];
            var english = ResourceCoverage.Read(resources, ResourceCoverage.Neutral);
            var french = ResourceCoverage.Read(resources, ResourceCoverage.French);
            problems.AddRange(english.Keys.Except(french.Keys).Select(k => $"{Relative(resources)}: {k} has no French"));
            problems.AddRange(french.Keys.Except(english.Keys).Select(k => $"{Relative(resources)}: {k} has no English"));
            problems.AddRange(english.Where(e => french.TryGetValue(e.Key, out var f) && !ResourceCoverage.Holes(e.Value).SetEquals(ResourceCoverage.Holes(f)))
                .Select(e => $"{Relative(resources)}: {e.Key} has other holes in French"));
            problems.AddRange(english.Concat(french).Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => $"{Relative(resources)}: {e.Key} is empty"));

            var read = resources == Vocabulary
                ? sources.SelectMany(s => ResourceCoverage.SharedKeys(s.Content)).Concat(sources.Where(s => ResourceCoverage.OwnResources(s.Path) == resources).SelectMany(s => ResourceCoverage.OwnKeys(s.Content)))
                : sources.Where(s => ResourceCoverage.OwnResources(s.Path) == resources).SelectMany(s => ResourceCoverage.OwnKeys(s.Content));
            problems.AddRange(english.Keys.Except(read).Select(k => $"{Relative(resources)}: {k} is never read"));
        }

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

    private static IEnumerable<ResourceCoverage.Source> Sources() =>
        Directory.EnumerateFiles(WebRoot, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => new ResourceCoverage.Source(f, File.ReadAllText(f)));

    private static bool IsNeutral(string resx) => !Path.GetFileNameWithoutExtension(resx).Contains('.', StringComparison.Ordinal);

    private static string Relative(string path) => Path.GetRelativePath(WebRoot, path);
}
