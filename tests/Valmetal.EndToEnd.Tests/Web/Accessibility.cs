using System.Text.Json;

namespace Valmetal.EndToEnd.Tests.Web;

/// <summary>axe-core (pinned in the root package.json) run inside the page: serious and critical violations fail the test.</summary>
public static class Accessibility
{
    private static readonly Lazy<string> Script = new(() => File.ReadAllText(Path.Combine(Browsers.RepositoryRoot(), "node_modules", "axe-core", "axe.min.js")));

    public static async Task AssertNoSeriousViolationsAsync(IPage page, string what)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            // Evaluated through the browser's debugging protocol: the page's policy refuses injected script tags.
            await page.EvaluateAsync(Script.Value);
        }

        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { resultTypes: ["violations"] })).violations
                .filter(v => v.impact === "serious" || v.impact === "critical")
                .map(v => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(" | ")}`)
            """);
        var found = violations.EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.True(found.Count == 0, $"{what} has accessibility violations:\n{string.Join('\n', found)}");
    }
}
