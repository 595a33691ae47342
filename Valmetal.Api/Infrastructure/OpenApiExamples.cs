using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Valmetal.Api.Data.Entities;
using Valmetal.Api.Features.Documents;
using Valmetal.Api.Features.Equipment;
using Valmetal.Api.Features.Farms;
using Valmetal.Api.Features.Maintenance;
using Valmetal.Api.Features.Models;
using Valmetal.Api.Features.Notifications;
using Valmetal.Api.Features.TelemetryHistory;
using Valmetal.Api.Features.Users;
using Valmetal.DeviceContract;

namespace Valmetal.Api.Infrastructure;

/// <summary>Example bodies in the OpenAPI document, so Scalar shows a request that works and what comes back.</summary>
public static class OpenApiExamples
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private static readonly Guid Farm = Guid.Parse("6f1d6c0e-6c1a-4d8e-9a51-0d3b1f7a0001");
    private static readonly DateTimeOffset At = new(2026, 11, 27, 10, 15, 0, TimeSpan.Zero);

    private static readonly Dictionary<Type, object> Examples = new()
    {
        [typeof(FarmRequest)] = new FarmRequest("Ferme Beauregard", "1200 rang Saint-Joseph, Saint-Hyacinthe, QC", "America/Toronto"),
        [typeof(BarnRequest)] = new BarnRequest("Heifer barn", "Tie-stall, 40 places"),
        [typeof(RegisterEquipmentRequest)] = new RegisterEquipmentRequest("VM-FM-24026", "Feed mixer #6", "VM-FM-1200", Farm, new DateOnly(2026, 3, 1), "3.2.1"),
        [typeof(UpdateEquipmentRequest)] = new UpdateEquipmentRequest("Feed mixer #1", Farm, "3.2.1", EquipmentStatus.Active, 1520.5, new DateOnly(2023, 1, 1)),
        [typeof(UpdateCatalogueRequest)] = new UpdateCatalogueRequest(600,
            [new MetricRequest("motor_temp_c", "Motor temperature", "°C", -40, 150, 85, 105, DisplayNameFr: "Température du moteur", UnitFr: "°C")]),
        [typeof(UpdateSettingsRequest)] = new UpdateSettingsRequest(
        [
            new SettingRequest("mode", "string", Allowed: ["auto", "manual"]),
            new SettingRequest("ration_kg", "number", Min: 0, Max: 5000),
            new SettingRequest("mixing_minutes", "integer", Min: 1, Max: 60),
        ]),
        [typeof(MaintenancePlanRequest)] = new MaintenancePlanRequest("Gearbox oil change", "Drain and refill; check the seals.", 500, 365),
        [typeof(LogMaintenanceRequest)] = new LogMaintenanceRequest("Replaced auger wear plates", MaintenanceStatus.Done, "Plates worn to 3 mm", "2x WP-120", 45),
        [typeof(UpdateMaintenanceRequest)] = new UpdateMaintenanceRequest(MaintenanceStatus.Done, "Oil changed, no leaks", "6 L gear oil 80W-90", 60),
        [typeof(StartUploadRequest)] = new StartUploadRequest(DocumentKind.Report, "service-report.pdf", "application/pdf", 482_113, SerialNumber: "VM-FM-24001"),
        [typeof(InviteUserRequest)] = new InviteUserRequest("new.farmer@example.com", "Nadia Roy", "farmers", [Farm]),
        [typeof(SetRoleRequest)] = new SetRoleRequest("technicians"),
        [typeof(Features.Commands.SendCommandRequest)] = new Features.Commands.SendCommandRequest("start", new System.Text.Json.Nodes.JsonObject { ["ration"] = "morning" }, 60),
        [typeof(Features.DeviceState.DesiredConfigRequest)] = new Features.DeviceState.DesiredConfigRequest(new System.Text.Json.Nodes.JsonObject { ["mode"] = "manual", ["ration_kg"] = 900 }),
        [typeof(SetFarmsRequest)] = new SetFarmsRequest([Farm]),
        [typeof(NotificationSettingsRequest)] = new NotificationSettingsRequest("+15145550123", "fr-CA",
            [new FarmNotificationRequest(Farm, Email: true, Push: true, Sms: true, "major", new TimeOnly(22, 0), new TimeOnly(6, 0))]),
        [typeof(PushSubscriptionRequest)] = new PushSubscriptionRequest("https://fcm.googleapis.com/fcm/send/dQw4w9WgXcQ:APA91bH",
            new PushKeys("BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM", "tBHItJI5svbpez7KI4CCXg")),
        [typeof(EscalationSettings)] = new EscalationSettings(15, ["2f0c7f3e-1b5c-4c8e-9d0a-5a1e2b3c4d5e"]),
        [typeof(LanguageRequest)] = new LanguageRequest(LanguageCodes.French),
        [typeof(HistoryResponse)] = new HistoryResponse("VM-FM-24001", "motor_temp_c", "°C", At.AddHours(-1), At, 15,
            [new HistoryBucket(At.AddSeconds(-30), 60.1, 61.0, 62.4, 8), new HistoryBucket(At.AddSeconds(-15), 60.8, 61.7, 62.9, 8)]),
        [typeof(FarmResponse)] = new FarmResponse(Farm, "Ferme Beauregard", "1200 rang Saint-Joseph, Saint-Hyacinthe, QC", "America/Toronto", 9),
    };

    public static OpenApiOptions AddExamples(this OpenApiOptions options) => options.AddOperationTransformer((operation, context, _) =>
    {
        var body = context.Description.ParameterDescriptions.FirstOrDefault(p => p.Source == BindingSource.Body);
        if (body is not null && Examples.TryGetValue(body.Type, out var request) && operation.RequestBody?.Content is { } content)
        {
            foreach (var media in content.Values)
            {
                media.Example = JsonSerializer.SerializeToNode(request, Json);
            }
        }

        foreach (var response in context.Description.SupportedResponseTypes)
        {
            if (response.Type is { } type && Examples.TryGetValue(type, out var example)
                && operation.Responses?.TryGetValue(response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), out var documented) == true
                && documented.Content is { } responseContent)
            {
                foreach (var media in responseContent.Values)
                {
                    media.Example = JsonSerializer.SerializeToNode(example, Json);
                }
            }
        }

        return Task.CompletedTask;
    });
}
