using System.Text;

namespace Valmetal.Telemetry.Tests.SingleHome;

/// <summary>One source of the repository, its comments blanked out: a comment may name a topic to explain it.</summary>
public sealed record SourceFile(string Path, string Code)
{
    /// <summary>Sources that build something: C#, Razor, the CDK's and the web's scripts, SQL.</summary>
    private static readonly string[] Extensions = [".cs", ".razor", ".mjs", ".js", ".sql"];

    /// <summary>Packages, build output and vendored libraries (wwwroot/lib) are not ours to keep in order.</summary>
    private static readonly string[] NotOurs = ["node_modules", "bin", "obj", ".git", "lib"];

    public static IEnumerable<SourceFile> Under(string root) => Files(new DirectoryInfo(root))
        .Select(file => new SourceFile(
            System.IO.Path.GetRelativePath(root, file.FullName).Replace('\\', '/'),
            WithoutComments(File.ReadAllText(file.FullName))));

    public static SourceFile Of(string path, string source) => new(path, WithoutComments(source));

    /// <summary>The 1-based line a match at <paramref name="index"/> is on, and that line.</summary>
    public (int Number, string Text) LineAt(int index)
    {
        var start = Code.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        var end = Code.IndexOf('\n', index);
        var number = 1 + Code.AsSpan(0, start).Count('\n');
        return (number, Code[start..(end < 0 ? Code.Length : end)].Trim());
    }

    private static IEnumerable<FileInfo> Files(DirectoryInfo folder) =>
        folder.EnumerateFiles().Where(f => Extensions.Contains(f.Extension, StringComparer.Ordinal))
            .Concat(folder.EnumerateDirectories().Where(d => !NotOurs.Contains(d.Name, StringComparer.Ordinal)).SelectMany(Files));

    /// <summary>
    /// Blanks <c>//</c>, <c>/* */</c> and Razor's <c>@* *@</c> comments, keeping the lines. Strings are stepped over so
    /// that a <c>//</c> in one (a URL) is not taken for a comment: regular, verbatim, raw and template strings, and
    /// quoted text that ends on its line. Heuristic by design: nothing in the sources needs more.
    /// </summary>
    private static string WithoutComments(string source)
    {
        var code = new StringBuilder(source.Length);
        var i = 0;
        while (i < source.Length)
        {
            if (CommentEnd(source, i) is { } commentEnd)
            {
                code.Append(Blank(source.AsSpan(i, commentEnd - i)));
                i = commentEnd;
            }
            else if (StringEnd(source, i) is { } literalEnd)
            {
                code.Append(source, i, literalEnd - i);
                i = literalEnd;
            }
            else
            {
                code.Append(source[i++]);
            }
        }

        return code.ToString();
    }

    private static int? CommentEnd(string s, int i)
    {
        if (At(s, i, "//"))
        {
            var newline = s.IndexOf('\n', i);
            return newline < 0 ? s.Length : newline;
        }

        return At(s, i, "/*") ? After(s, "*/", i + 2) : At(s, i, "@*") ? After(s, "*@", i + 2) : null;
    }

    private static int? StringEnd(string s, int i)
    {
        var quote = s[i];
        if (quote == '"')
        {
            var run = 0;
            while (i + run < s.Length && s[i + run] == '"')
            {
                run++;
            }

            if (run >= 3)
            {
                return After(s, new string('"', run), i + run);
            }

            return Verbatim(s, i) ? VerbatimEnd(s, i + 1) : LineEnd(s, i, '"');
        }

        return quote == '\'' ? LineEnd(s, i, '\'') : quote == '`' ? After(s, "`", i + 1) : null;
    }

    private static bool Verbatim(string s, int i) =>
        (i > 0 && s[i - 1] == '@') || (i > 1 && s[i - 1] == '$' && s[i - 2] == '@');

    private static int VerbatimEnd(string s, int i)
    {
        for (; i < s.Length; i++)
        {
            if (s[i] == '"')
            {
                if (i + 1 < s.Length && s[i + 1] == '"')
                {
                    i++;
                    continue;
                }

                return i + 1;
            }
        }

        return s.Length;
    }

    /// <summary>The end of a quoted text that closes on its line; null if it does not (an apostrophe in prose).</summary>
    private static int? LineEnd(string s, int i, char quote)
    {
        for (var j = i + 1; j < s.Length && s[j] != '\n'; j++)
        {
            if (s[j] == '\\')
            {
                j++;
            }
            else if (s[j] == quote)
            {
                return j + 1;
            }
        }

        return null;
    }

    private static int After(string s, string close, int from)
    {
        var at = s.IndexOf(close, from, StringComparison.Ordinal);
        return at < 0 ? s.Length : at + close.Length;
    }

    private static bool At(string s, int i, string token) => string.CompareOrdinal(s, i, token, 0, token.Length) == 0;

    private static string Blank(ReadOnlySpan<char> comment)
    {
        var blank = new StringBuilder(comment.Length);
        foreach (var c in comment)
        {
            blank.Append(c == '\n' ? '\n' : ' ');
        }

        return blank.ToString();
    }
}
