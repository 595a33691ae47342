using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Valmetal.Api.Infrastructure;
using Valmetal.TestSupport;

namespace Valmetal.Api.Tests.Localization;

/// <summary>Every text the API answers exists in English and in French, with the same holes, and no resource is left unused.</summary>
public sealed partial class ResourceCoverageTests
{
    private static readonly string ApiRoot = Path.Combine(RepositoryRoot.Path, "Valmetal.Api");

    [Fact]
    public void Every_key_a_source_reads_is_in_its_english_and_french_resources()
    {
        var sources = ResourceCoverage.Sources(ApiRoot);
        var missing = ResourceCoverage.MissingKeys(ApiRoot, sources, ResourcesOf)
            .Concat(sources.Where(s => Named(s.Content).Distinct().Count() > 1)
                .Select(s => $"{Path.GetRelativePath(ApiRoot, s.Path)}: reads several resources through Text"))
            .ToList();

        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public void English_and_french_resources_have_the_same_keys_and_holes_and_every_key_is_read()
    {
        var problems = ResourceCoverage.UnmatchedResources(ApiRoot, ResourceCoverage.Sources(ApiRoot), ResourcesOf).ToList();

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Each_resource_is_read_at_run_time_through_the_type_it_is_named_for_in_both_languages()
    {
        var problems = new List<string>();
        foreach (var neutral in Directory.EnumerateFiles(ApiRoot, "*.resx", SearchOption.AllDirectories).Where(f => !Path.GetFileNameWithoutExtension(f).Contains('.', StringComparison.Ordinal)))
        {
            var resources = neutral[..^".resx".Length];
            var typeName = "Valmetal.Api." + Path.GetRelativePath(ApiRoot, resources).Replace(Path.DirectorySeparatorChar, '.');
            if (typeof(ApiText).Assembly.GetType(typeName) is not { } type)
            {
                problems.Add($"{typeName}: no such type to read its resources through");
                continue;
            }

            var text = ApiText.For(type);
            foreach (var (culture, language) in new[] { (ResourceCoverage.Neutral, "en"), (ResourceCoverage.French, "fr-CA") })
            {
                using var _ = new UiCulture(language);
                problems.AddRange(ResourceCoverage.Read(resources, culture)
                    .Where(entry => text[entry.Key] is var found && (found.ResourceNotFound || found.Value != entry.Value))
                    .Select(entry => $"{typeName}: {entry.Key} in {language} is not what {Path.GetFileName(neutral)} says"));
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void In_english_the_title_of_a_bare_status_code_is_the_one_aspnet_core_gives()
    {
        using var _ = new UiCulture("en");
        var statuses = Enumerable.Range(400, 200).Where(status => ProblemLanguage.DefaultTitle(status) is not null).ToList();

        Assert.Contains(StatusCodes.Status429TooManyRequests, statuses);
        Assert.All(statuses, status => Assert.Equal(TypedResults.Problem(statusCode: status).ProblemDetails.Title, ProblemLanguage.DefaultTitle(status)));
    }

    /// <summary>A class reads the resources of the type it names (<c>ApiText.For(typeof(X))</c>: X.resx in its folder), a partial file its class's.</summary>
    private static string ResourcesOf(ResourceCoverage.Source source) => Named(source.Content).FirstOrDefault() is { } type
        ? Path.Combine(Path.GetDirectoryName(source.Path)!, type)
        : ResourceCoverage.OwnResources(source.Path);

    private static IEnumerable<string> Named(string content) => Declaration().Matches(content).Select(m => m.Groups["type"].Value);

    [GeneratedRegex(@"ApiText\.For\(typeof\((?<type>\w+)\)\)")]
    private static partial Regex Declaration();

    private sealed class UiCulture : IDisposable
    {
        private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

        public UiCulture(string name) => CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);

        public void Dispose() => CultureInfo.CurrentUICulture = _previous;
    }
}
