using Microsoft.AspNetCore.Authentication.Cookies;
using Valmetal.AwsHttp;
using Microsoft.Extensions.Options;
using Valmetal.Identity;
using Valmetal.Web.Account;
using Valmetal.Web.ApiClient;
using Valmetal.Web.KeyRing;
using Valmetal.Web.Components.Live;
using Valmetal.Web.Security;

namespace Valmetal.Web;

public static class WebServiceExtensions
{
    public static IHostApplicationBuilder AddWebServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        // Prerendered page state comes back over the circuit's connection when it starts; a large fleet needs more than 32 KB.
        services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(options => options.MaximumReceiveMessageSize = 512 * 1024);
        services.AddCascadingAuthenticationState();
        // Each component's texts sit beside it (X.razor reads X.resx and X.fr-CA.resx); the shared words in Localization.
        services.AddLocalization();
        services.AddScoped<Localization.Vocabulary>();
        services.AddScoped<Components.Fleet.Formatting>();
        services.AddScoped<Pwa.OfflineTexts>();
        services.AddScoped<SignInErrors>();
        services.AddSingleton(TimeProvider.System);
        services.AddTransient<LiveFeed>();
        services.AddWebPipelines();
        services.AddTransient<Components.Fleet.FleetLoader>();
        services.AddTransient<AlarmsClient>();
        services.AddTransient<NotificationsClient>();
        services.Configure<Notifications.PushOptions>(builder.Configuration.GetSection(Notifications.PushOptions.SectionName));

        // Session cookies are encrypted with keys every web task reads: a deploy or another replica keeps sessions.
        services.AddSharedKeyRing(builder.Configuration);

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "valmetal.session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = TransportSecurity.CookiePolicy(builder.Environment);
                options.LoginPath = "/signin";
                options.AccessDeniedPath = "/access-denied";
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
                options.SlidingExpiration = true;
                options.Events.OnValidatePrincipal = SessionRefresh.ValidateAsync;
                options.Events.OnRedirectToLogin = SessionRefresh.RedirectToSignInAsync;
            });
        services.AddAuthorization();
        services.AddTransportSecurity(builder.Configuration, builder.Environment);
        services.AddContentSecurityPolicy(builder.Configuration);
        services.AddSignInRateLimits(builder.Configuration);

        services.AddCognitoOptions(builder.Configuration);
        // The web app only sends Cognito's public calls, which go unsigned; the layer still owns retries and errors.
        services.AddAwsHttp(builder.Configuration);
        services.AddHttpClient<CognitoApiClient>((provider, http) =>
                http.BaseAddress = new Uri(provider.GetRequiredService<IOptions<CognitoOptions>>().Value.ServiceUrl))
            .AddAwsSigning(CognitoApiClient.SigningName);
        services.AddTransient<SignInClient>();
        services.AddTransient<PasswordRecoveryClient>();
        services.AddTransient<AuthenticatorAppClient>();
        services.AddSingleton<PendingChallenge>();
        services.AddScoped<UserSession>();

        // The API's load balancer, as every other client reaches it: the gateway locally, the API's ALB in AWS.
        var apiBase = Uri.TryCreate(builder.Configuration["ApiBaseUrl"], UriKind.Absolute, out var configured) ? configured
            : throw new InvalidOperationException("ApiBaseUrl must be the API's absolute address, such as https://api.example.com.");
        // Every call asks in the user's language, so the API's refusals read like the page showing them.
        services.AddTransient<ApiLanguageHandler>();
        services.AddHttpClient<ValmetalApiClient>(client => client.BaseAddress = apiBase).AddHttpMessageHandler<ApiLanguageHandler>();
#pragma warning disable EXTEXP0001 // The only way to exempt a client from the default resilience handler.
        // Writes are not retried blindly: a repeated POST would log the same work twice.
        services.AddHttpClient<ValmetalApiCommands>(client => client.BaseAddress = apiBase).AddHttpMessageHandler<ApiLanguageHandler>()
            .RemoveAllResilienceHandlers();

        // The live stream stays open for as long as a page does: no retry or timeout policy may cut it.
        services.AddHttpClient<LiveUpdatesClient>(client =>
        {
            client.BaseAddress = apiBase;
            client.Timeout = Timeout.InfiniteTimeSpan;
        }).AddHttpMessageHandler<ApiLanguageHandler>().RemoveAllResilienceHandlers();
        services.AddHttpClient<Export.TelemetryExportClient>(client =>
        {
            client.BaseAddress = apiBase;
            client.Timeout = TimeSpan.FromMinutes(30);
        }).AddHttpMessageHandler<ApiLanguageHandler>().RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        return builder;
    }
}
