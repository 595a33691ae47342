using System.Globalization;
using Microsoft.Playwright;
using Valmetal.Bench.Web;
using Valmetal.DeviceContract.DemoFleet;

// The web app's two speed targets, measured on this machine: fleet overview first paint with 25 live devices,
// and a 30-day chart of one device. Prints median and worst of several runs after one warm-up.
const int Devices = 25;
const int Runs = 10;
var invariant = CultureInfo.InvariantCulture;
Console.WriteLine($"Valmetal web benchmark: {Environment.ProcessorCount} cores, {Devices} simulated devices, {Runs} runs each after a warm-up");

await using var platform = await WebBenchPlatform.StartAsync(Devices);
var device = Fleet.Equipment[0];
var metrics = Fleet.ModelOf(device).Metrics.Select(m => m.Key).ToArray();
await HistorySeeder.SeedAsync(await platform.DatabaseAsync(), device.Thing, metrics);
Console.WriteLine($"Platform started; 30 days of minute and hour rollups seeded for {device.Thing} ({metrics.Length} metrics).");

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions(BrowserMeasurements.DebianChromium) { Env = Valmetal.TestSupport.BrowserTrust.Environment() });
await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
var measure = new BrowserMeasurements(context, platform.WebUrl);
await measure.SignInAsync(DemoUsers.Admin);
await Task.Delay(TimeSpan.FromSeconds(10)); // every simulated device online and reporting

await measure.FleetFirstPaintAsync(1, Devices);
Report("fleet overview first contentful paint (admin, 25 units)", await measure.FleetFirstPaintAsync(Runs, Devices));
await measure.ThirtyDayChartAsync(device.Thing, 1);
Report("30-day chart, click to drawn (1 metric, hour rollups)", await measure.ThirtyDayChartAsync(device.Thing, Runs));

void Report(string what, List<double> values)
{
    var sorted = values.Order().ToList();
    Console.WriteLine(string.Create(invariant, $"{what,-58} median {sorted[sorted.Count / 2],6:0} ms   worst {sorted[^1],6:0} ms"));
}
