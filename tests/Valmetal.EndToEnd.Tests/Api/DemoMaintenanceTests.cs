using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Valmetal.EndToEnd.Tests.Api;

/// <summary>The demo fleet's service book is counted back from today, so a new user sees due, overdue and done work.</summary>
[Collection(PlatformCollection.Name)]
public sealed class DemoMaintenanceTests(PlatformFixture platform)
{
    private static readonly string[] SeededPlans = ["Safety inspection", "Gearbox oil change"];

    [Fact]
    public async Task The_demo_fleet_has_work_due_soon_some_overdue_and_a_history_of_work_done()
    {
        using var admin = await platform.CreateApiClientAsync(DemoUsers.Admin);
        // Unit by unit: other tests add units and plans of their own, more than a page of a farm's work.
        var books = new Dictionary<string, JsonArray>();
        foreach (var unit in Fleet.Equipment)
        {
            books[unit.Thing] = (await admin.GetFromJsonAsync<JsonArray>($"api/equipment/{unit.Thing}/maintenance"))!;
        }

        // The seeded plans' pending tasks.
        var demo = books.Values.SelectMany(b => b)
            .Where(l => l!["status"]!.GetValue<string>() == "Pending" && SeededPlans.Contains(l["title"]!.GetValue<string>())).ToList();
        var overdue = demo.Where(l => l!["overdue"]!.GetValue<bool>()).ToList();

        Assert.InRange(overdue.Count, demo.Count / 10, demo.Count / 2);
        Assert.All(Fleet.Farms, farm => Assert.Contains(overdue, l => l!["farmId"]!.GetValue<Guid>() == farm.Id));
        // Overdue by weeks, not by years: the last inspection was counted from today, not from the installation date.
        var now = DateTimeOffset.UtcNow;
        Assert.All(overdue, l => Assert.InRange(l!["dueAt"]!.GetValue<DateTimeOffset>(), now.AddDays(-30), now));
        Assert.Contains(demo, l => l!["dueAt"]!.GetValue<DateTimeOffset>() is var due && due > now && due < now.AddDays(14));

        Assert.All(books.Values, book => Assert.Contains(book, l => l!["status"]!.GetValue<string>() == "Done" && l["completedAt"]!.GetValue<DateTimeOffset>() < now));
    }
}
