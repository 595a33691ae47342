using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Valmetal.Web.Tests.Localization;

/// <summary>
/// The web app's texts as the sources use them: each component or class reads its own resources through a localizer
/// named <c>Text</c> (<c>X.razor</c> and <c>X.razor.cs</c> read <c>X.resx</c> beside them), and the shared words
/// through <c>Words</c> (Localization/Vocabulary.resx). Keys are literals, so every use can be checked.
/// </summary>
public static partial class ResourceCoverage
{
    public const string Neutral = "";
    public const string French = "fr-CA";

    public sealed record Source(string Path, string Content);

    /// <summary>The resource file (without culture and extension) a source's own <c>Text</c> reads.</summary>
    public static string OwnResources(string sourcePath)
    {
        var name = Path.GetFileName(sourcePath);
        var stem = name.EndsWith(".razor.cs", StringComparison.Ordinal) ? name[..^".razor.cs".Length]
            : Path.GetFileNameWithoutExtension(name);
        return Path.Combine(Path.GetDirectoryName(sourcePath)!, stem);
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

    [GeneratedRegex(@"\b[Tt]ext\[\s*""(?<key>[^""]*)""")]
    private static partial Regex OwnKey();

    [GeneratedRegex(@"\bWords\[\s*""(?<key>[^""]*)""")]
    private static partial Regex SharedKey();

    [GeneratedRegex(@"\b(Text|Words)\[\s*(?!"")[^\]\s]*")]
    private static partial Regex DynamicKey();

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Hole();
}
