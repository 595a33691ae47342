using System.Collections.Concurrent;

namespace Valmetal.EndToEnd.Tests.Web;

/// <summary>What the browser refused under a page's Content Security Policy, as Chromium reports it on the console.</summary>
public sealed class PolicyViolations
{
    private readonly ConcurrentQueue<string> _messages = new();

    public static PolicyViolations Watch(IBrowserContext context)
    {
        var violations = new PolicyViolations();
        context.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                violations._messages.Enqueue($"{message.Location}: {message.Text}");
            }
        };
        return violations;
    }

    public void AssertNone() => Assert.True(_messages.IsEmpty, "The pages' Content Security Policy blocked:\n" + string.Join('\n', _messages));
}
