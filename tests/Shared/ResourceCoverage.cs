using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Valmetal.TestSupport;

/// <summary>
/// An app's texts as its sources use them: each component or class reads its resources through a localizer named
/// <c>Text</c> (by default <c>X.razor</c>, <c>X.razor.cs</c>, <c>X.cs</c> and a partial <c>X.Part.cs</c> read
/// <c>X.resx</c> beside them), and the web app's shared words through <c>Words</c> (Localization/Vocabulary.resx). Keys
/// are literals, so every use can be checked: each key read is in English and French, with the same holes, and no
/// resource is left unused.
/// </summary>
internal static partial class ResourceCoverage
{
    public const string Neutral = "";
    public const string French = "fr-CA";

    private static readonly string[] Cultures = [Neutral, French];

    public sealed record Source(string Path, string Content);

    /// <summary>The app's Razor and C# sources, outside build output.</summary>
    public static IReadOnlyList<Source> Sources(string root) =>
        Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => new Source(f, File.ReadAllText(f)))
            .ToList();

    /// <summary>The resource file (without culture and extension) a source's own <c>Text</c> reads by default.</summary>
    public static string OwnResources(string sourcePath)
    {
        var name = Path.GetFileName(sourcePath);
        return Path.Combine(Path.GetDirectoryName(sourcePath)!, name[..name.IndexOf('.', StringComparison.Ordinal)]);
    }

    public static IEnumerable<string> OwnKeys(string content) => OwnKey().Matches(content).Select(m => m.Groups["key"].Value);

    public static IEnumerable<string> SharedKeys(string content) => SharedKey().Matches(content).Select(m => m.Groups["key"].Value);

    /// <summary>Uses whose key is not a literal: the check could not see what they read.</summary>
    public static IEnumerable<string> DynamicKeys(string content) => DynamicKey().Matches(content).Select(m => m.Value);

    public static IReadOnlyDictionary<string, string> Read(string resourcesBase, string culture)
    {
        var path = resourcesBase + (culture.Length == 0 ? ".resx" : $".{culture}.resx");
        return File.Exists(path)
            ? XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? string.Empty)
            : new Dictionary<string, string>();
    }

    /// <summary>The <c>{0}</c>-style holes of a composite format, which both languages must have alike.</summary>
    public static IReadOnlySet<string> Holes(string format) => Hole().Matches(format).Select(m => m.Groups[1].Value).ToHashSet();

    /// <summary>
    /// Each key a source reads that is missing from the English or French of the resources it reads
    /// (<paramref name="resourcesOf"/>, and <paramref name="shared"/> for <c>Words</c>), and each read whose key is not a literal.
    /// </summary>
    public static IEnumerable<string> MissingKeys(string root, IEnumerable<Source> sources, Func<Source, string> resourcesOf, string? shared = null)
    {
        var missing = new List<string>();
        foreach (var source in sources)
        {
            var reads = new List<(IEnumerable<string> Keys, string Resources)> { (OwnKeys(source.Content), resourcesOf(source)) };
            if (shared is not null)
            {
                reads.Add((SharedKeys(source.Content), shared));
            }

            foreach (var (keys, resources) in reads)
            {
                foreach (var culture in Cultures)
                {
                    var present = Read(resources, culture);
                    missing.AddRange(keys.Where(k => !present.ContainsKey(k)).Select(k =>
                        $"{Relative(root, source.Path)}: {k} is not in {Relative(root, resources)}{(culture.Length > 0 ? "." + culture : "")}.resx"));
                }
            }

            missing.AddRange(DynamicKeys(source.Content).Select(use => $"{Relative(root, source.Path)}: {use} (keys must be literals)"));
        }

        return missing.Distinct();
    }

    /// <summary>
    /// Each resource under <paramref name="root"/> whose languages differ in keys or holes, each empty text, and each key
    /// no source reads (<paramref name="shared"/> is read through <c>Words</c> as well as by its own class).
    /// </summary>
    public static IEnumerable<string> UnmatchedResources(string root, IReadOnlyList<Source> sources, Func<Source, string> resourcesOf, string? shared = null)
    {
        var problems = new List<string>();
        foreach (var neutral in Directory.EnumerateFiles(root, "*.resx", SearchOption.AllDirectories).Where(IsNeutral))
        {
            var resources = neutral[..^".resx".Length];
            var relative = Relative(root, resources);
            var english = Read(resources, Neutral);
            var french = Read(resources, French);
            problems.AddRange(english.Keys.Except(french.Keys).Select(k => $"{relative}: {k} has no French"));
            problems.AddRange(french.Keys.Except(english.Keys).Select(k => $"{relative}: {k} has no English"));
            problems.AddRange(english.Where(e => french.TryGetValue(e.Key, out var f) && !Holes(e.Value).SetEquals(Holes(f)))
                .Select(e => $"{relative}: {e.Key} has other holes in French"));
            problems.AddRange(english.Concat(french).Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => $"{relative}: {e.Key} is empty"));

            var read = sources.Where(s => resourcesOf(s) == resources).SelectMany(s => OwnKeys(s.Content));
            if (resources == shared)
            {
                read = read.Concat(sources.SelectMany(s => SharedKeys(s.Content)));
            }

            problems.AddRange(english.Keys.Except(read).Select(k => $"{relative}: {k} is never read"));
        }

        return problems;
    }

    private static bool IsNeutral(string resx) => !Path.GetFileNameWithoutExtension(resx).Contains('.', StringComparison.Ordinal);

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path);

    [GeneratedRegex(@"\b[Tt]ext\[\s*""(?<key>[^""]*)""")]
    private static partial Regex OwnKey();

    [GeneratedRegex(@"\bWords\[\s*""(?<key>[^""]*)""")]
    private static partial Regex SharedKey();

    [GeneratedRegex(@"\b(Text|Words)\[\s*(?!"")[^\]\s]*")]
    private static partial Regex DynamicKey();

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Hole();
}
