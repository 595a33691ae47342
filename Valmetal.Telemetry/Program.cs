using Valmetal.Telemetry;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddTelemetryIngestion();

var app = builder.Build();
app.MapDefaultEndpoints();
await app.EnsureDeviceStateTableAsync();
await app.RunAsync();
