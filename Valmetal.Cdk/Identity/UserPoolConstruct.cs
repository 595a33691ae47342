using Amazon.CDK;
using Amazon.CDK.AWS.Cognito;
using Constructs;
using Valmetal.Cdk.Configuration;
using Valmetal.Identity;

namespace Valmetal.Cdk.Identity;

/// <summary>The user pool (the AppHost's cognito-local), its role groups and the web app's client.</summary>
public sealed class UserPoolConstruct : Construct
{
    public UserPool UserPool { get; }

    public UserPoolClient WebClient { get; }

    public UserPoolConstruct(Construct scope, string id, DeploymentSettings settings)
        : base(scope, id)
    {
        var names = new ResourceNames(settings.EnvironmentName);
        UserPool = new UserPool(this, "UserPool", new UserPoolProps
        {
            UserPoolName = names.Of("users"),
            // Accounts are created by admins from the API; farms do not sign themselves up.
            SelfSignUpEnabled = false,
            SignInAliases = new SignInAliases { Email = true },
            SignInCaseSensitive = false,
            AutoVerify = new AutoVerifiedAttrs { Email = true },
            AccountRecovery = AccountRecovery.EMAIL_ONLY,
            PasswordPolicy = new PasswordPolicy
            {
                MinLength = PasswordRules.MinLength,
                RequireDigits = true,
                RequireLowercase = true,
                RequireUppercase = true,
                RequireSymbols = true,
                TempPasswordValidity = Duration.Days(PasswordRules.TemporaryPasswordDays),
            },
            Mfa = Mfa.OPTIONAL,
            MfaSecondFactor = new MfaSecondFactor { Otp = true, Sms = false },
            AdvancedSecurityMode = AdvancedSecurityMode.ENFORCED,
            DeletionProtection = settings.IsProduction,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });

        // Threat protection (ENFORCED above) needs the PLUS feature plan, which 2.160 has no property for yet.
        ((CfnUserPool)UserPool.Node.DefaultChild!).AddPropertyOverride("UserPoolTier", "PLUS");

        foreach (var group in CognitoGroups.All)
        {
            _ = new CfnUserPoolGroup(this, $"Group-{group}", new CfnUserPoolGroupProps
            {
                UserPoolId = UserPool.UserPoolId,
                GroupName = group,
            });
        }

        // The web app's server signs users in with USER_PASSWORD_AUTH (Valmetal.Identity.SignInClient); it holds
        // no client secret because that flow does not use one.
        WebClient = UserPool.AddClient("WebClient", new UserPoolClientOptions
        {
            UserPoolClientName = names.Of("web-client"),
            GenerateSecret = false,
            AuthFlows = new AuthFlow { UserPassword = true },
            PreventUserExistenceErrors = true,
            AccessTokenValidity = Duration.Minutes(30),
            IdTokenValidity = Duration.Minutes(30),
            RefreshTokenValidity = Duration.Days(7),
            EnableTokenRevocation = true,
        });
    }

    public string Issuer(DeploymentSettings settings) => $"https://cognito-idp.{settings.Region}.amazonaws.com/{UserPool.UserPoolId}";

    public static string ServiceUrl(DeploymentSettings settings) => $"https://cognito-idp.{settings.Region}.amazonaws.com";
}
