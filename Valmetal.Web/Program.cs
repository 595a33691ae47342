using Valmetal.Web;
using Valmetal.Web.Account;
using Valmetal.Web.Components;
using Valmetal.Web.Export;
using Valmetal.Web.Localization;
using Valmetal.Web.Notifications;
using Valmetal.Web.Pwa;
using Valmetal.Web.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddWebServices();

var app = builder.Build();
// Before the rate limiter: its per-address partition is the forwarded client address only after this.
app.UseTransportSecurity();
app.UseWebSecurityHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}

// The language cookie, else the browser's Accept-Language: pages, formats and <html lang> follow it.
app.UseRequestLocalization(Languages.Options());
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapAccountEndpoints();
app.MapChallengeEndpoints();
app.MapPasswordRecoveryEndpoints();
app.MapFleetSnapshot();
app.MapPushSubscription();
app.MapLanguageSwitch();
app.MapTelemetryCsvExport();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapDefaultEndpoints();
await app.RunAsync();
