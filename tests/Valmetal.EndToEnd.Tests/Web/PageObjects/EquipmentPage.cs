namespace Valmetal.EndToEnd.Tests.Web.PageObjects;

/// <summary>Page object of one piece of equipment (/equipment/{serial}): gauges, history, commands, configuration, maintenance, documents.</summary>
public sealed class EquipmentPage(IPage page, Wording? wording = null)
{
    private readonly Wording _words = wording ?? Wording.English;

    public ILocator MaintenanceList => page.GetByTestId("maintenance-list");

    public ILocator DocumentsList => page.GetByTestId("documents-list");

    public ILocator StateBadge => page.GetByTestId("online-badge");

    public ILocator Chart => page.GetByTestId("history-chart");

    public ILocator HistorySummary => page.GetByTestId("history-summary");

    public ILocator ExportLink => page.GetByTestId("export-csv");

    public ILocator CommandConfirmation => page.GetByTestId("command-confirm");

    public ILocator CommandResult => page.GetByTestId("command-result");

    public ILocator ConfigRow(string key) => page.GetByTestId($"config-{key}");

    public ILocator LiveValue(string metric) => page.GetByTestId($"live-{metric}");

    public ILocator GaugeName(string metric) => page.Locator($"#gauge-{metric}");

    /// <summary>Buttons are enabled once the page is interactive; typing before that would be lost on hydration.</summary>
    public async Task WaitUntilInteractiveAsync() =>
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = _words.Save })).ToBeEnabledAsync();

    public async Task ShowRangeAsync(string preset)
    {
        await WaitUntilInteractiveAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Time range" }).GetByRole(AriaRole.Button, new() { Name = preset, Exact = true }).ClickAsync();
        await Expect(Chart).ToHaveAttributeAsync("data-rendered-range", preset);
    }

    public async Task ToggleMetricAsync(string metric) => await page.GetByTestId($"metric-toggle-{metric}").ClickAsync();

    /// <summary>Drags across the middle of the plot, as a user zooms in.</summary>
    public async Task ZoomIntoMiddleAsync()
    {
        var plot = Chart.Locator(".u-over");
        var box = (await plot.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width * 0.4f, box.Y + box.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + box.Width * 0.7f, box.Y + box.Height / 2, new() { Steps = 5 });
        await page.Mouse.UpAsync();
        await Expect(Chart).ToHaveAttributeAsync("data-rendered-range", "zoom");
    }

    public async Task SendCommandAsync(string label)
    {
        await WaitUntilInteractiveAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = label, Exact = true }).ClickAsync();
        await Expect(CommandConfirmation).ToBeVisibleAsync();
        await CommandConfirmation.GetByRole(AriaRole.Button, new() { Name = $"Yes, {label.ToLowerInvariant()}" }).ClickAsync();
    }

    public async Task SetConfigurationAsync(string key, string value)
    {
        await WaitUntilInteractiveAsync();
        await page.GetByLabel("Setting", new() { Exact = true }).FillAsync(key);
        await page.GetByLabel("Value", new() { Exact = true }).FillAsync(value);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send to equipment" }).ClickAsync();
    }

    public async Task LogWorkAsync(string title, string notes, string parts, int minutes)
    {
        await WaitUntilInteractiveAsync();
        await page.GetByLabel(_words.WhatWasDone).FillAsync(title);
        await page.GetByLabel(_words.Status).SelectOptionAsync("Done"); // the option's value, the same in every language
        await page.GetByLabel(_words.Notes).FillAsync(notes);
        await page.GetByLabel(_words.PartsUsed).FillAsync(parts);
        await page.GetByLabel(_words.MinutesSpent).FillAsync(minutes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = _words.Save }).ClickAsync();
    }

    public async Task UploadReportAsync(string fileName, string mimeType, byte[] content)
    {
        await WaitUntilInteractiveAsync();
        await page.GetByTestId("report-file").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = mimeType, Buffer = content });
        await page.GetByRole(AriaRole.Button, new() { Name = _words.Upload }).ClickAsync();
    }
}
