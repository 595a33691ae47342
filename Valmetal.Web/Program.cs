using Valmetal.Web.ApiClient;
using Valmetal.Web.Components;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddTransient<Valmetal.Web.Components.Live.LiveFeed>();

// "http://api" is resolved by service discovery: the AppHost locally, configuration in AWS.
var apiBase = new Uri(builder.Configuration["ApiBaseUrl"] ?? "http://api");
builder.Services.AddHttpClient<ValmetalApiClient>(client => client.BaseAddress = apiBase);
#pragma warning disable EXTEXP0001 // The only way to exempt one client from the defaults; the stream must not time out.
builder.Services.AddHttpClient<LiveUpdatesClient>(client =>
{
    client.BaseAddress = apiBase;
    client.Timeout = Timeout.InfiniteTimeSpan;
}).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001

var app = builder.Build();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}

app.UseAntiforgery();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapDefaultEndpoints();
await app.RunAsync();
