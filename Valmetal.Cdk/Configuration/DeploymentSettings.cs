using Amazon.CDK;
using Constructs;

namespace Valmetal.Cdk.Configuration;

/// <summary>
/// Everything one environment needs, read from context (cdk.json or <c>-c key=value</c>) so synthesis never
/// looks anything up in an AWS account: an offline CI run produces the same templates as a deploy.
/// </summary>
public sealed record DeploymentSettings(
    string EnvironmentName,
    string Account,
    string Region,
    string CertificateArn,
    string IotDataEndpoint,
    string ApiDomain,
    string WebDomain,
    string GitSha,
    string Owner,
    IReadOnlyList<string> AlarmEmails,
    int RequestsPerAddressLimit,
    bool UsesTimestream = false,
    string MailDomain = "",
    string SupportEmail = "",
    int SmsMonthlySpendLimit = DeploymentSettings.DefaultSmsMonthlySpendLimit,
    string VapidPublicKey = "")
{
    /// <summary>US dollars a month SNS may spend on SMS before it stops sending (AWS's own default is 1).</summary>
    public const int DefaultSmsMonthlySpendLimit = 50;

    /// <summary>The context value that moves an environment's time series from PostgreSQL to Timestream.</summary>
    public const string TimestreamStore = "timestream";

    public const string GitShaKey = "valmetal:gitSha";
    public const string OwnerKey = "valmetal:owner";

    /// <summary>Used when no SHA is passed: a template built from a dirty tree should say so, not pretend.</summary>
    public const string UnversionedSha = "unversioned";

    /// <summary>
    /// Requests one client address may send per five minutes before the firewall blocks it (about 7 a second):
    /// a page load of the web app is a few dozen requests, a scraper or a credential-stuffing run many more.
    /// </summary>
    public const int DefaultRequestsPerAddressLimit = 2000;

    public bool IsProduction => EnvironmentName == "prod";

    /// <summary>The origin browsers load the web app from: the only one allowed to upload to the document bucket.</summary>
    public string WebOrigin => $"https://{WebDomain}";

    public Amazon.CDK.Environment AwsEnvironment => new() { Account = Account, Region = Region };

    public static string Key(string environmentName, string setting) => $"valmetal:{environmentName}:{setting}";

    public static DeploymentSettings FromContext(Construct scope, string environmentName)
    {
        string Required(string key) => scope.Node.TryGetContext(key) as string
            ?? throw new InvalidOperationException($"Context value '{key}' is missing (cdk.json or -c {key}=...).");
        string Optional(string key, string fallback) => scope.Node.TryGetContext(key) as string ?? fallback;

        // Alarms are mailed from the web app's domain unless the context names another one SES verifies.
        var mailDomain = Optional(Key(environmentName, "mailDomain"), Required(Key(environmentName, "webDomain")));
        return new DeploymentSettings(
            environmentName,
            Required(Key(environmentName, "account")),
            Required(Key(environmentName, "region")),
            Required(Key(environmentName, "certificateArn")),
            Required(Key(environmentName, "iotDataEndpoint")),
            Required(Key(environmentName, "apiDomain")),
            Required(Key(environmentName, "webDomain")),
            Optional(GitShaKey, UnversionedSha),
            Optional(OwnerKey, "platform-team"),
            List(scope.Node.TryGetContext(Key(environmentName, "alarmEmails"))),
            Number(scope.Node.TryGetContext(Key(environmentName, "requestsPerAddressLimit")), DefaultRequestsPerAddressLimit),
            TimeSeriesStore(Optional(Key(environmentName, "timeSeriesStore"), "postgres")),
            mailDomain,
            Optional(Key(environmentName, "supportEmail"), $"support@{mailDomain}"),
            Number(scope.Node.TryGetContext(Key(environmentName, "smsMonthlySpendLimit")), DefaultSmsMonthlySpendLimit),
            VapidPublicKeyFormat.Validated(Required(Key(environmentName, "vapidPublicKey")), Key(environmentName, "vapidPublicKey")));
    }

    /// <summary>cdk.json gives a list; the command line (<c>-c key=a@x,b@y</c>) a comma-separated string; empty is allowed.</summary>
    private static string[] List(object? value) => value switch
    {
        string text => [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
        System.Collections.IEnumerable items => [.. items.Cast<object>().Select(i => i.ToString()!).Where(i => i.Length > 0)],
        _ => [],
    };

    /// <summary>PostgreSQL unless the context names Timestream; anything else is a mistake, not a silent default.</summary>
    private static bool TimeSeriesStore(string value) => value switch
    {
        "postgres" => false,
        TimestreamStore => true,
        _ => throw new InvalidOperationException($"timeSeriesStore is '{value}'; it may be 'postgres' (the default) or '{TimestreamStore}'."),
    };

    /// <summary>cdk.json gives a number (a double through jsii), the command line a string.</summary>
    private static int Number(object? value, int fallback) => value switch
    {
        null => fallback,
        string text => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture),
    };
}
