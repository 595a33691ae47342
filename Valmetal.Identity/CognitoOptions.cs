using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Valmetal.Identity;

public sealed class CognitoOptions : IValidatableObject
{
    public const string SectionName = "Cognito";

    /// <summary>cognito-local (http://127.0.0.1:9229) or https://cognito-idp.{region}.amazonaws.com: set in every environment, never guessed.</summary>
    public string ServiceUrl { get; set; } = string.Empty;

    public string UserPoolId { get; set; } = string.Empty;

    /// <summary>The app client the web app signs users in with; access tokens name it in <c>client_id</c>.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>Token issuer: http://localhost:9229/{pool} locally, https://cognito-idp.{region}.amazonaws.com/{pool} in AWS.</summary>
    public string Authority { get; set; } = string.Empty;

    /// <summary>False only for the local emulator, which serves its keys over plain HTTP.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>What every user of the pool needs: where its API is, and which app client signs users in.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsWebAddress(ServiceUrl))
        {
            yield return new ValidationResult("Cognito:ServiceUrl must be the user pool API's absolute address.", [nameof(ServiceUrl)]);
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            yield return new ValidationResult("Cognito:ClientId must name the web app's app client.", [nameof(ClientId)]);
        }
    }

    public const string TokenSettingsMissing = "Cognito:UserPoolId and Cognito:Authority (the tokens' issuer) must be set.";

    /// <summary>What a service that checks tokens needs besides: the pool and the issuer its tokens name.</summary>
    public bool CanValidateTokens => !string.IsNullOrWhiteSpace(UserPoolId) && IsWebAddress(Authority);

    public static bool IsWebAddress(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}

public static class CognitoOptionsExtensions
{
    /// <summary>Binds <see cref="CognitoOptions"/> and checks them when the service starts, not at its first sign-in.</summary>
    public static OptionsBuilder<CognitoOptions> AddCognitoOptions(this IServiceCollection services, IConfiguration configuration) =>
        services.AddOptions<CognitoOptions>()
            .Bind(configuration.GetSection(CognitoOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
}
