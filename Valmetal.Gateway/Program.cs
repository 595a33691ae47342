using Microsoft.AspNetCore.DataProtection;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Valmetal.Gateway;
using Yarp.ReverseProxy.Configuration;

// Local only: in AWS each service sits behind its own application load balancer (Valmetal.Cdk).
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.Services.AddOptions<GatewayOptions>()
    .Bind(builder.Configuration.GetSection(GatewayOptions.SectionName))
    .ValidateDataAnnotations()
    .ValidateOnStart();
builder.Services.AddReverseProxy();
// Only the stickiness cookie is protected with these keys: after a restart browsers are spread anew, as by an ALB.
builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
builder.Services.AddSingleton<IProxyConfigProvider>(services =>
{
    var options = services.GetRequiredService<IOptions<GatewayOptions>>().Value;
    return new InMemoryConfigProvider(LoadBalancerConfig.Routes(options), LoadBalancerConfig.Clusters(options));
});
builder.WebHost.ConfigureKestrel(kestrel =>
{
    var options = kestrel.ApplicationServices.GetRequiredService<IOptions<GatewayOptions>>().Value;
    var certificate = X509Certificate2.CreateFromPemFile(options.CertificatePath, options.PrivateKeyPath);
    // Loopback only: the gateway is a developer's load balancer, not a way into the machine.
    foreach (var listener in options.Listeners)
    {
        kestrel.ListenLocalhost(listener.Port, endpoint => endpoint.UseHttps(certificate));
        if (listener.RedirectPort is { } redirect)
        {
            kestrel.ListenLocalhost(redirect);
        }
    }
});

var app = builder.Build();
app.UseHttpsRedirectListeners(app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value);
app.MapReverseProxy();
await app.RunAsync();
