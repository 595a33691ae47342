using Valmetal.TestSupport;

namespace Valmetal.EndToEnd.Tests.Web;

/// <summary>
/// One Chromium process for the whole test run, launched when the first browser test needs it. Each test works in
/// a BrowserContext of its own (cookies, storage, cache, service workers), so sharing the process shares no state.
/// </summary>
public sealed class SharedBrowser : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>A fresh context for one test; the test disposes it.</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null) =>
        await (await BrowserAsync()).NewContextAsync(options);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        _gate.Dispose();
    }

    private async Task<IBrowser> BrowserAsync()
    {
        await _gate.WaitAsync();
        try
        {
            // A browser that crashed failed its own test; the next test gets a new one rather than the same error.
            if (_browser is { IsConnected: false })
            {
                await _browser.DisposeAsync();
                _browser = null;
            }

            _playwright ??= await Playwright.CreateAsync();
            _browser ??= await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions(Browsers.DebianChromium) { Env = BrowserTrust.Environment() });
            return _browser;
        }
        finally
        {
            _gate.Release();
        }
    }
}
