using Valmetal.BrokerClient;
using Valmetal.DeviceSimulator;

var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults();
builder.Services.AddOptions<SimulatorOptions>()
    .Bind(builder.Configuration.GetSection(SimulatorOptions.SectionName))
    .ValidateDataAnnotations()
    .ValidateOnStart();
// Only where the broker is: each simulated device presents its own certificate (SimulatorOptions).
builder.Services.Configure<BrokerConnectionOptions>(builder.Configuration.GetSection(BrokerConnectionOptions.SectionName));
builder.Services.AddHostedService<SimulatorService>();

await builder.Build().RunAsync();
