using Microsoft.Playwright;

namespace Valmetal.EndToEnd.Tests.Web;

/// <summary>
/// Waits on the page's service worker, with a bound: a worker whose install failed leaves
/// <c>navigator.serviceWorker.ready</c> pending for ever, and a test waiting on it unbounded hangs until the run's
/// hang timeout aborts the whole suite. Past the bound the one test fails, with the registration's state.
/// </summary>
internal static class ServiceWorker
{
    private const int BoundMilliseconds = 30_000;

    /// <summary>Until the app's worker controls the page (on a first visit, once it has claimed it).</summary>
    public static Task ControlsAsync(IPage page) => WaitAsync(page, "controlled", """
        async () => {
          await navigator.serviceWorker.ready;
          if (!navigator.serviceWorker.controller) {
            await new Promise(resolve => navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
          }
          const script = navigator.serviceWorker.controller.scriptURL;
          return script.endsWith("/service-worker.js") ? "controlled" : "controlled by " + script;
        }
        """);

    /// <summary>Until the page's registration has an active worker.</summary>
    public static Task ActiveAsync(IPage page) =>
        WaitAsync(page, "active", "async () => (await navigator.serviceWorker.ready).active ? 'active' : 'no active worker'");

    private static async Task WaitAsync(IPage page, string expected, string condition)
    {
        var outcome = await page.EvaluateAsync<string>($$"""
            async () => {
              const bound = new Promise(resolve => setTimeout(resolve, {{BoundMilliseconds}}, null));
              const outcome = await Promise.race([({{condition}})(), bound]);
              if (outcome !== null) return outcome;
              const registration = await navigator.serviceWorker.getRegistration();
              const states = registration
                ? JSON.stringify({ installing: registration.installing?.state, waiting: registration.waiting?.state, active: registration.active?.state })
                : "none";
              return `nothing after {{BoundMilliseconds}} ms; registration: ${states}; controller: ${navigator.serviceWorker.controller?.scriptURL ?? "none"}`;
            }
            """);
        Assert.Equal(expected, outcome);
    }
}
