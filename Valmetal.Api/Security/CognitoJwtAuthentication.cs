using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Valmetal.Identity;

namespace Valmetal.Api.Security;

public static class CognitoJwtAuthentication
{
    /// <summary>
    /// Validates Cognito access tokens: issuer and signature (JWKS from the issuer), lifetime, <c>token_use</c> = access
    /// and <c>client_id</c> = our app client (access tokens carry no <c>aud</c>). The same settings point at a real pool in AWS.
    /// </summary>
    public static IServiceCollection AddCognitoJwtAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        // From the validated options, read when the first request is authenticated rather than while services are added.
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<CognitoOptions>>((options, settings) =>
            {
                var cognito = settings.Value;
                options.Authority = cognito.Authority;
                options.RequireHttpsMetadata = cognito.RequireHttpsMetadata;
                if (!cognito.RequireHttpsMetadata || cognito.Authority.StartsWith("https://", StringComparison.Ordinal))
                {
                    options.ConfigurationManager = new CognitoSigningKeys(cognito.Authority, new HttpClient { Timeout = TimeSpan.FromSeconds(10) });
                }
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = cognito.Authority,
                    ValidateAudience = false,
                    RoleClaimType = CognitoGroups.ClaimType,
                    NameClaimType = "username",
                    ClockSkew = TimeSpan.FromMinutes(1),
                };
                options.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context =>
                    {
                        var principal = context.Principal!;
                        if (principal.FindFirst("token_use")?.Value != "access")
                        {
                            context.Fail("Only access tokens are accepted.");
                        }
                        else if (principal.FindFirst("client_id")?.Value != cognito.ClientId)
                        {
                            context.Fail("The token was issued to another app client.");
                        }

                        return Task.CompletedTask;
                    },
                };
            });
        services.AddAuthorization(Policies.Add);
        return services;
    }
}
