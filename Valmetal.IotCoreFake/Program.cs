using Microsoft.Extensions.Options;
using Valmetal.IotCoreFake;
using Valmetal.IotCoreFake.Registry;

// A fake, local only: AWS IoT Core cannot run on this machine, and no emulator of its registry is served here. It
// keeps IoT's REST-JSON wire format and rules so the API's IoT registry runs locally exactly as it calls AWS.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.Services.AddOptions<IotFakeOptions>().Bind(builder.Configuration.GetSection(IotFakeOptions.SectionName))
    .ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<IotRegistry>();

var app = builder.Build();
var registry = app.Services.GetRequiredService<IotRegistry>();
DemoFleetImport.Run(registry, app.Services.GetRequiredService<IOptions<IotFakeOptions>>().Value);
// The broker's list follows the registry, whatever happened to the file in between.
registry.WriteRevocationList();
app.MapDefaultEndpoints();
app.MapIotEndpoints();
await app.RunAsync();
