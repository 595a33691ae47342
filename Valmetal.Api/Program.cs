using Scalar.AspNetCore;
using Valmetal.Api;
using Valmetal.Api.Data;
using Valmetal.Api.Features.DeviceState;
using Valmetal.Api.Features.Equipment;
using Valmetal.Api.Features.Farms;
using Valmetal.Api.Features.Live;
using Valmetal.Api.Features.TelemetryHistory;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApiServices();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapOpenApi();
app.MapScalarApiReference("/scalar");
app.MapDefaultEndpoints();

app.MapFarmsApi();
app.MapEquipmentApi();
app.MapDeviceStateApi();
app.MapTelemetryHistoryApi();
app.MapLiveApi();

await app.MigrateDatabaseAsync();
await app.RunAsync();

/// <summary>Entry point, visible to test hosts.</summary>
public partial class Program;
