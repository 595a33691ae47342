using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.Commands;
using Valmetal.DeviceContract.Messages;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.EndToEnd.Tests.Platform;

namespace Valmetal.EndToEnd.Tests.Devices;

/// <summary>A command goes to the device, the device answers on its response topic, and the API shows its life.</summary>
[Collection(PlatformCollection.Name)]
public sealed class CommandLifecycleTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_command_answered_by_the_device_ends_succeeded()
    {
        var device = PlatformFixture.TestDevice(3);
        await using var client = await DeviceClient.ConnectAsync(platform.DeviceIdentity(device.Thing), device.Thing);
        await client.SubscribeAsync(Topics.CommandRequest(device.Thing, Topics.AnyLevel));
        using var admin = await platform.CreateApiClientAsync(DemoUsers.Admin);

        var sent = await admin.PostAsJsonAsync($"api/equipment/{device.Thing}/commands", new { name = "start", args = new { ration = "morning" }, expiresInSeconds = 60 });
        sent.EnsureSuccessStatusCode();
        var command = (await sent.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(nameof(CommandStatus.Pending), command["status"]!.GetValue<string>());
        var id = command["id"]!.GetValue<Guid>();
        var request = Topics.CommandRequest(device.Thing, id);
        await Eventually.GetAsync(() => Task.FromResult(client.Received.Contains(request) ? request : null), TimeSpan.FromSeconds(10), "the device to get the command");

        await client.PublishAsync(Topics.CommandResponse(device.Thing, id), CommandAnswerPayload.Of(CommandStatus.Accepted));
        await StatusAsync(admin, device.Thing, id, CommandStatus.Accepted);
        await client.PublishAsync(Topics.CommandResponse(device.Thing, id), CommandAnswerPayload.Of(CommandStatus.Succeeded, "auger running"));
        var done = await StatusAsync(admin, device.Thing, id, CommandStatus.Succeeded);
        Assert.Equal("auger running", done["detail"]!.GetValue<string>());

        // A late or repeated answer cannot move a finished command backwards.
        await client.PublishAsync(Topics.CommandResponse(device.Thing, id), CommandAnswerPayload.Of(CommandStatus.Accepted));
        await ReplicaMarkers.SendAndAwaitAsync(platform, device.Thing, client.PublishAsync);
        Assert.Equal(nameof(CommandStatus.Succeeded), (await admin.GetFromJsonAsync<JsonObject>($"api/equipment/{device.Thing}/commands/{id}"))!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_command_nobody_answers_expires()
    {
        var device = PlatformFixture.TestDevice(2);
        using var admin = await platform.CreateApiClientAsync(DemoUsers.Admin);

        var sent = await admin.PostAsJsonAsync($"api/equipment/{device.Thing}/commands", new { name = "stop", expiresInSeconds = 5 });
        sent.EnsureSuccessStatusCode();
        var id = (await sent.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();

        await StatusAsync(admin, device.Thing, id, CommandStatus.Expired, TimeSpan.FromSeconds(20));
    }

    private static Task<JsonObject> StatusAsync(HttpClient api, string thing, Guid id, CommandStatus status, TimeSpan? patience = null) =>
        Eventually.GetAsync(async () =>
        {
            var command = await api.GetFromJsonAsync<JsonObject>($"api/equipment/{thing}/commands/{id}");
            return command!["status"]!.GetValue<string>() == status.ToString() ? command : null;
        }, patience ?? TimeSpan.FromSeconds(15), $"the command to be {status}");
}
