using System.Text.RegularExpressions;

namespace Valmetal.TestSupport;

/// <summary>
/// Finds words a user would read that are written in the sources instead of the resources: text between Razor tags,
/// the visible attributes (title, placeholder, alt, aria-label), and C# string literals that read as a sentence or a
/// label. Heuristic by design: what it cannot tell apart goes to the allowlist, which stays short.
/// </summary>
internal static partial class HardCodedText
{
    /// <summary>Brand and symbols the same in both languages.</summary>
    public static readonly IReadOnlySet<string> Allowed = new HashSet<string>(StringComparer.Ordinal)
    {
        "Valmetal Connect", "Valmetal",
        // The language switch names the other language in that language.
        "English", "Français",
    };

    public static IEnumerable<string> InRazor(string source)
    {
        var markup = Directive().Replace(RazorComment().Replace(source, " "), " ");
        var code = markup.IndexOf("@code", StringComparison.Ordinal);
        if (code >= 0)
        {
            foreach (var finding in InCSharp(markup[code..]))
            {
                yield return finding;
            }

            markup = markup[..code];
        }

        markup = ScriptOrStyle().Replace(markup, " ");
        foreach (Match attribute in VisibleAttribute().Matches(markup))
        {
            if (Reads(WithoutRazor(attribute.Groups["value"].Value)) is { } text)
            {
                yield return text;
            }
        }

        markup = Tag().Replace(markup, "\n");
        foreach (var line in WithoutRazor(markup).Split('\n'))
        {
            if (Reads(line) is { } text)
            {
                yield return text;
            }
        }
    }

    public static IEnumerable<string> InCSharp(string source)
    {
        // Options (a class with a configuration section) are validated at start-up: their messages speak to operators.
        if (source.Contains("const string SectionName", StringComparison.Ordinal))
        {
            yield break;
        }

        var code = LineComment().Replace(BlockComment().Replace(source, " "), " ");
        var open = 0;
        foreach (var line in code.Split('\n'))
        {
            // Developer-facing: logs, exceptions, attributes' arguments, OpenAPI metadata, configuration, SQL and health
            // check descriptions are not read by users; nor the lines that continue such a call, until its parentheses close.
            if (open > 0 || DeveloperFacing().IsMatch(line))
            {
                open = Math.Max(0, open + Parentheses(line));
                continue;
            }

            // A literal used as an index is a key (a resource's, a dictionary's, a JSON member's), not a text.
            foreach (Match literal in StringLiteral().Matches(IndexKey().Replace(line, "$1$2\"\"")))
            {
                var value = Interpolation().Replace(literal.Groups["value"].Value, " ");
                if (Sentence().IsMatch(value) && Reads(value) is { } text)
                {
                    yield return text;
                }
            }
        }
    }

    /// <summary>How many more parentheses a line opens than it closes, outside its string literals.</summary>
    private static int Parentheses(string line)
    {
        var code = StringLiteral().Replace(line, string.Empty);
        return code.Count(c => c == '(') - code.Count(c => c == ')');
    }

    /// <summary>The text if it holds a word of two letters or more that is not allowed as is; null otherwise.</summary>
    private static string? Reads(string text)
    {
        var trimmed = Whitespace().Replace(text, " ").Trim();
        if (trimmed.Length == 0 || Allowed.Contains(trimmed) || !Word().IsMatch(trimmed))
        {
            return null;
        }

        return trimmed;
    }

    /// <summary>
    /// Razor's code inside markup: <c>@Text["…"]</c>, <c>@(…)</c>, <c>@name.member(…)[…]</c>, and the control-flow
    /// lines (<c>@if (…) {</c>, <c>} else {</c>).
    /// </summary>
    private static string WithoutRazor(string markup)
    {
        var text = markup;
        text = ControlFlow().Replace(text, " ");
        text = RemoveBalanced(text, "@(", '(', ')');
        text = RemoveBalanced(text, "@{", '{', '}');
        text = RazorExpression().Replace(text, " ");
        return Braces().Replace(text, " ");
    }

    private static string RemoveBalanced(string text, string start, char open, char close)
    {
        var at = text.IndexOf(start, StringComparison.Ordinal);
        while (at >= 0)
        {
            var depth = 0;
            var end = at + start.Length - 1;
            for (; end < text.Length; end++)
            {
                depth += text[end] == open ? 1 : text[end] == close ? -1 : 0;
                if (depth == 0)
                {
                    break;
                }
            }

            text = text[..at] + " " + (end + 1 < text.Length ? text[(end + 1)..] : string.Empty);
            at = text.IndexOf(start, StringComparison.Ordinal);
        }

        return text;
    }

    [GeneratedRegex(@"@\*.*?\*@", RegexOptions.Singleline)]
    private static partial Regex RazorComment();

    /// <summary>Razor's directives: routes, types and namespaces, never shown.</summary>
    [GeneratedRegex(@"^\s*@(page|layout|inherits|attribute|inject|using|rendermode|implements|typeparam|namespace)\b[^\n]*$", RegexOptions.Multiline)]
    private static partial Regex Directive();

    [GeneratedRegex(@"<(script|style)\b.*?</\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@"\b(title|placeholder|alt|aria-label|label|data-label)=""(?<value>[^""]*)""")]
    private static partial Regex VisibleAttribute();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.Singleline)]
    private static partial Regex Tag();

    [GeneratedRegex(@"^\s*(@?(if|else|foreach|for|while|switch|case|default|break|return)\b[^\n]*|@?[{}]\s*)$", RegexOptions.Multiline)]
    private static partial Regex ControlFlow();

    [GeneratedRegex(@"@[A-Za-z_][\w.]*(\([^()\n]*\)|\[[^\[\]\n]*\])*(\.[A-Za-z_]\w*(\([^()\n]*\)|\[[^\[\]\n]*\])*)*")]
    private static partial Regex RazorExpression();

    [GeneratedRegex(@"[{}]")]
    private static partial Regex Braces();

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex BlockComment();

    [GeneratedRegex(@"LoggerMessage|Log[A-Z]\w*\(|throw |Exception\(|\[Description|GeneratedRegex|const string \w*Sql|\bselect\b|\binsert\b|\bupdate\b|WithSummary|WithName|WithDescription|WithTags|ArgumentException|ValidationResult\(|SectionName|\.Fail\(|HealthCheckResult\.")]
    private static partial Regex DeveloperFacing();

    [GeneratedRegex(@"([\w)\]]\[\s*)\$?""(?:[^""\\]|\\.)*""|(\[\s*)\$?""(?:[^""\\]|\\.)*""(?=\s*\]\s*=[^=])")]
    private static partial Regex IndexKey();

    [GeneratedRegex(@"\$?""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Interpolation();

    /// <summary>Reads as words: a capital then letters and a space, or several words (paths, keys and ids do not).</summary>
    [GeneratedRegex(@"(^[A-ZÀ-Ý][a-zà-ÿ]+( |$))|([A-Za-zÀ-ÿ]{2,} [a-zà-ÿ]{2,})")]
    private static partial Regex Sentence();

    [GeneratedRegex(@"[A-Za-zÀ-ÿ]{2,}")]
    private static partial Regex Word();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
