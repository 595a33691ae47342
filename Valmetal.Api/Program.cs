using Valmetal.Api;
using Valmetal.Api.Data;
using Valmetal.Api.Features.Admin;
using Valmetal.Api.Features.Alarms;
using Valmetal.Api.Features.Commands;
using Valmetal.Api.Features.DeviceIdentity;
using Valmetal.Api.Features.DeviceState;
using Valmetal.Api.Features.Equipment;
using Valmetal.Api.Features.Documents;
using Valmetal.Api.Features.Farms;
using Valmetal.Api.Features.Maintenance;
using Valmetal.Api.Features.Models;
using Valmetal.Api.Features.Notifications;
using Valmetal.Api.Features.Live;
using Valmetal.Api.Features.TelemetryExport;
using Valmetal.Api.Features.TelemetryHistory;
using Valmetal.Api.Features.Users;
using Valmetal.Api.Infrastructure;
using Valmetal.Api.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApiServices();

var app = builder.Build();
if (DatabaseStartup.IsStartupWorkCommand(args))
{
    await app.RunStartupWorkAsync();
    return;
}

// The load balancer ends TLS: its forwarded scheme and client address apply before anything reads them.
app.UseTrustedProxies();
// Problems are written in the caller's language (Accept-Language), also those written as the request unwinds.
app.UseRequestLanguage();
app.UseSecurityHeaders(ApiSecurityHeaders.PolicyFor);
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseReplicaLoadShedding();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.MapApiReferenceIfEnabled();
app.MapDefaultEndpoints();

// Every business endpoint needs a signed-in, enabled user; each feature adds its own rules.
var api = app.MapGroup("api")
    .SharesReplicaCapacity()
    .RequireAuthorization()
    .AddEndpointFilter<RouteValueGuard>()
    .AddEndpointFilter<ActiveUserFilter>();
api.MapFarmsApi();
api.MapEquipmentApi();
api.MapDeviceStateApi();
api.MapDesiredConfigApi();
api.MapCommandsApi();
api.MapTelemetryHistoryApi();
api.MapTelemetryExportApi();
api.MapLiveApi();
api.MapUsersApi();
api.MapModelsApi();
api.MapMaintenanceApi();
api.MapDocumentsApi();
api.MapDeviceIdentityApi();
api.MapAlarmsApi();
api.MapNotificationSettingsApi();
api.MapNotificationAdminApi();
api.MapAdminApi();

await app.RunAsync();

/// <summary>Entry point, visible to test hosts.</summary>
public partial class Program;
