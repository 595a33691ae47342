namespace Valmetal.Telemetry.Tests.SingleHome;

/// <summary>Where a rule's text appears outside its home and its allowed places.</summary>
public static class LiteralScanner
{
    /// <summary>One finding per rule and line, however many of the rule's pieces the line holds.</summary>
    public static IEnumerable<Finding> Find(IEnumerable<LiteralRule> rules, IEnumerable<SourceFile> sources) => Each(rules, sources).Distinct();

    private static IEnumerable<Finding> Each(IEnumerable<LiteralRule> rules, IEnumerable<SourceFile> sources)
    {
        var files = sources.ToList();
        foreach (var rule in rules)
        {
            foreach (var file in files.Where(f => !rule.Covers(f.Path)))
            {
                foreach (var match in rule.Pattern.Matches(file.Code).Cast<System.Text.RegularExpressions.Match>())
                {
                    var (number, text) = file.LineAt(match.Index);
                    yield return new Finding(rule.Name, file.Path, number, text);
                }
            }
        }
    }

    /// <summary>The allowances no source needs any more: an allowlist that only grows stops meaning anything.</summary>
    public static IEnumerable<string> Unused(IEnumerable<LiteralRule> rules, IEnumerable<SourceFile> sources)
    {
        var files = sources.ToList();
        return rules.SelectMany(rule => rule.Allowed
            .Where(a => !files.Any(f => LiteralRule.Within(f.Path, a.Path) && rule.Pattern.IsMatch(f.Code)))
            .Select(a => $"{rule.Name}: {a.Path} ({a.Reason})"));
    }
}

public sealed record Finding(string Rule, string Path, int Line, string Text)
{
    public override string ToString() => $"{Rule}: {Path}:{Line}: {Text}";
}
