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

        services.AddApiClients(builder.Configuration);
        return builder;
    }
}
