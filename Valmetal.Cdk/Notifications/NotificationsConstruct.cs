using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.SecretsManager;
using Amazon.CDK.AWS.SES;
using Constructs;
using Valmetal.Cdk.Compute;
using Valmetal.Cdk.Configuration;
using EcsSecret = Amazon.CDK.AWS.ECS.Secret;

namespace Valmetal.Cdk.Notifications;

/// <summary>
/// What the notifier sends through: an SES identity for the mail domain (DKIM records to publish in its DNS, given as
/// outputs) with a configuration set that keeps bounces and complaints, the account's SMS settings for SNS
/// (transactional by default, a monthly spending cap), and the secret that holds the VAPID private key for Web Push.
/// A new account's SES starts in the sandbox, where it only sends to verified addresses: leaving it is a request to
/// AWS support (docs/deployment.md), not something a template can do.
/// </summary>
public sealed class NotificationsConstruct : Construct
{
    public const string SmsSettingsResourceType = "Custom::SmsSettings";

    public EmailIdentity Identity { get; }

    public ConfigurationSet ConfigurationSet { get; }

    /// <summary>The configuration set's ARN, which SES v2's SendEmail is authorized on besides the identity's.</summary>
    public string ConfigurationSetArn { get; }

    /// <summary>
    /// The VAPID private key (base64url, 43 characters), put here by the operator once: no CloudFormation resource
    /// makes a P-256 key, and every browser's subscription is bound to the pair (docs/deployment.md, "VAPID keys").
    /// </summary>
    public Secret VapidPrivateKey { get; }

    public NotificationsConstruct(Construct scope, string id, DeploymentSettings settings)
        : base(scope, id)
    {
        var names = new ResourceNames(settings.EnvironmentName);
        ConfigurationSet = new ConfigurationSet(this, "ConfigurationSet", new ConfigurationSetProps
        {
            ConfigurationSetName = names.Of("notifications"),
            // Bounces and complaints keep the account in good standing: SES stops sending to those addresses.
            SuppressionReasons = SuppressionReasons.BOUNCES_AND_COMPLAINTS,
            ReputationMetrics = true,
            SendingEnabled = true,
        });
        ConfigurationSetArn = Stack.Of(this).FormatArn(new ArnComponents
        {
            Service = "ses",
            Resource = "configuration-set",
            ResourceName = ConfigurationSet.ConfigurationSetName,
        });
        // The identity's default configuration set: SesClient names none, so every message goes through this one.
        Identity = new EmailIdentity(this, "MailDomain", new EmailIdentityProps
        {
            Identity = Amazon.CDK.AWS.SES.Identity.Domain(settings.MailDomain),
            ConfigurationSet = ConfigurationSet,
            MailFromDomain = $"bounce.{settings.MailDomain}",
        });
        // SES signs only once these CNAMEs are in the domain's DNS; their values exist only once the identity does.
        foreach (var (record, index) in Identity.DkimRecords.Select((r, i) => (r, i + 1)))
        {
            _ = new CfnOutput(this, $"DkimRecord{index}", new CfnOutputProps
            {
                Value = $"{record.Name} CNAME {record.Value}",
                Description = $"Publish in the DNS of {settings.MailDomain} (SES DKIM, docs/deployment.md)",
            });
        }

        VapidPrivateKey = new Secret(this, "VapidPrivateKey", new SecretProps
        {
            SecretName = $"{names.Prefix}/notifier/vapid-private-key",
            Description = "The notifier's VAPID private key for Web Push (base64url), put here once by the operator: docs/deployment.md",
            // A placeholder of 32 characters, which the notifier's push library refuses (a key is 43): until the
            // operator puts the key, pushes fail and are retried rather than going out signed with a stray key.
            GenerateSecretString = new SecretStringGenerator { PasswordLength = 32, ExcludePunctuation = true },
        });

        // SNS keeps SMS settings per account and region, with no CloudFormation resource: SetSMSAttributes at deploy.
        var smsSettings = new CustomResourceFunction(this, "SmsSettingsHandler", settings, "sms-settings.handler",
            "Sets the account's SMS settings for SNS: transactional by default, the monthly spending cap", Duration.Minutes(1));
        smsSettings.Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["sns:SetSMSAttributes"],
            // The settings are the account's: the action has no resource to name.
            Resources = ["*"],
        }));
        _ = new CustomResource(this, "SmsSettings", new CustomResourceProps
        {
            ServiceToken = smsSettings.Function.FunctionArn,
            ResourceType = SmsSettingsResourceType,
            Properties = new Dictionary<string, object>
            {
                ["SettingsName"] = names.Of("sms-settings"),
                ["DefaultSMSType"] = "Transactional",
                ["MonthlySpendLimit"] = settings.SmsMonthlySpendLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        });
    }

    /// <summary>The address alarms are sent from, in the verified domain.</summary>
    public static string FromAddress(DeploymentSettings settings) => $"alarms@{settings.MailDomain}";

    /// <summary>The private key as the notifier reads it; the public one is a setting (<see cref="DeploymentSettings.VapidPublicKey"/>).</summary>
    public IDictionary<string, EcsSecret> AsContainerSecrets() => new Dictionary<string, EcsSecret>
    {
        ["Notifier__Channels__VapidPrivateKey"] = EcsSecret.FromSecretsManager(VapidPrivateKey),
    };
}
