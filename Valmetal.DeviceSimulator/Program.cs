using Valmetal.BrokerClient;
using Valmetal.DeviceSimulator;

var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults();
builder.Services.AddOptions<SimulatorOptions>()
    .Bind(builder.Configuration.GetSection(SimulatorOptions.SectionName))
    .ValidateDataAnnotations()
    .ValidateOnStart();
builder.Services.AddOptions<BrokerConnectionOptions>()
    .Bind(builder.Configuration.GetSection(BrokerConnectionOptions.SectionName));
builder.Services.AddHostedService<SimulatorService>();

await builder.Build().RunAsync();
