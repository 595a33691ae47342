namespace Valmetal.Identity;

public sealed class CognitoOptions
{
    public const string SectionName = "Cognito";

    /// <summary>cognito-local (http://127.0.0.1:9229) or https://cognito-idp.{region}.amazonaws.com.</summary>
    public string ServiceUrl { get; set; } = string.Empty;

    public string UserPoolId { get; set; } = string.Empty;

    /// <summary>The app client the web app signs users in with; access tokens name it in <c>client_id</c>.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>Token issuer: http://localhost:9229/{pool} locally, https://cognito-idp.{region}.amazonaws.com/{pool} in AWS.</summary>
    public string Authority { get; set; } = string.Empty;

    /// <summary>False only for the local emulator, which serves its keys over plain HTTP.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
}
