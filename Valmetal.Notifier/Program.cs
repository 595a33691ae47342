using Valmetal.Notifier;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddNotifier();

var app = builder.Build();
app.MapDefaultEndpoints();
await app.RunAsync();
