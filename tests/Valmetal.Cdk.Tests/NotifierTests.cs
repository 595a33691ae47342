using System.Text.Json.Nodes;
using Valmetal.Cdk.Compute;

namespace Valmetal.Cdk.Tests;

/// <summary>
/// The notifier in AWS: a worker of the backend cluster that reads the database after the release's migrations, mails
/// through SES from the mail domain, texts through SNS and pushes with the VAPID key pair whose private half is a secret.
/// </summary>
[Collection(SynthesizedAppCollection.Name)]
public sealed class NotifierTests(SynthesizedApp app)
{
    private const string WebDomain = "app.valmetal-connect.example";

    /// <summary>cdk.json names no mail domain for prod: mail goes from the web app's domain.</summary>
    private const string MailDomain = WebDomain;

    private static readonly string Family = TemplateJson.Family("notifier");

    [Fact]
    public void The_notifier_runs_its_own_image_in_the_backend_cluster_without_a_load_balancer()
    {
        var service = app.ProdBackendJson.Service(Family);
        Assert.Null(service["LoadBalancers"]);
        var backendCluster = Assert.Single(app.ProdBackendJson.Resources("AWS::ECS::Cluster")).Id;
        Assert.Equal(backendCluster, TemplateJson.Target(service["Cluster"]));
        Assert.Contains($"valmetal-prod/notifier:{SynthesizedApp.GitSha}", Container()["Image"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(app.ProdBackendJson.Resources("AWS::ElasticLoadBalancingV2::LoadBalancer"),
            b => ((string?)b.Properties["Name"])!.Contains("notifier", StringComparison.Ordinal));
    }

    [Fact]
    public void Messages_link_to_the_web_app_over_https_and_mail_goes_through_ses_from_the_mail_domain()
    {
        var environment = Environment();

        Assert.Equal($"https://{WebDomain}/", environment["Notifier__WebBaseUrl"]);
        Assert.Equal("Ses", environment["Notifier__Channels__Email"]);
        var identity = Assert.Single(app.ProdBackendJson.Resources("AWS::SES::EmailIdentity")).Properties;
        Assert.Equal($"alarms@{(string?)identity["EmailIdentity"]}", environment["Notifier__FromAddress"]);
        Assert.EndsWith($"@{MailDomain}", environment["Notifier__SupportEmail"], StringComparison.Ordinal);
        Assert.Equal($"mailto:{environment["Notifier__SupportEmail"]}", environment["Notifier__Channels__VapidSubject"]);
        Assert.Equal("ca-central-1", environment["Aws__Region"]);
        // SES and SNS at their regional endpoints, not the local stand-ins.
        Assert.DoesNotContain(environment.Keys, k => k.StartsWith("Notifier__Channels__Smtp", StringComparison.Ordinal)
            || k is "Notifier__Channels__SesUrl" or "Notifier__Channels__SnsUrl");
    }

    [Fact]
    public void The_vapid_private_key_arrives_as_a_secret_never_in_the_environment()
    {
        var secret = Assert.Single(app.ProdBackendJson.Resources("AWS::SecretsManager::Secret"),
            s => (string?)s.Properties["Name"] == "valmetal-prod/notifier/vapid-private-key");
        var injected = Container()["Secrets"]!.AsArray().Single(s => (string?)s!["Name"] == "Notifier__Channels__VapidPrivateKey")!;

        Assert.Equal(secret.Id, TemplateJson.Target(injected["ValueFrom"]));
        Assert.DoesNotContain(Environment().Keys, k => k.Contains("PrivateKey", StringComparison.OrdinalIgnoreCase));
        // The placeholder until the operator puts the key is not a key (43 characters): pushes fail, they are not misrouted.
        Assert.NotEqual(43, (int?)secret.Properties["GenerateSecretString"]!["PasswordLength"]);
        // ECS reads it with the notifier's execution role, which may read it.
        var executionRole = TemplateJson.Target(app.ProdBackendJson.TaskDefinition(Family)["ExecutionRoleArn"])!;
        Assert.Contains(Statements(executionRole), s => Actions(s).Contains("secretsmanager:GetSecretValue")
            && Resources(s).Any(r => TemplateJson.Target(r) == secret.Id));
    }

    [Fact]
    public void Browsers_subscribe_with_the_public_key_the_notifier_signs_next_to()
    {
        var web = app.ProdWebJson.TaskDefinition(TemplateJson.Family("web-client"))["ContainerDefinitions"]![0]!["Environment"]!.AsArray()
            .Single(e => (string?)e!["Name"] == "Push__VapidPublicKey")!;
        var key = Environment()["Notifier__Channels__VapidPublicKey"];

        Assert.Equal(87, key.Length);
        Assert.Equal(key, (string?)web["Value"]);
    }

    [Fact]
    public void Its_task_role_may_send_email_only_from_its_address_through_the_identity_and_configuration_set()
    {
        var ses = Statements(TaskRole()).Where(s => Actions(s).Any(a => a.StartsWith("ses:", StringComparison.Ordinal))).ToList();

        var statement = Assert.Single(ses);
        Assert.Equal(["ses:SendEmail"], Actions(statement));
        Assert.Equal("Allow", (string?)statement["Effect"]);
        var identity = Assert.Single(app.ProdBackendJson.Resources("AWS::SES::EmailIdentity")).Id;
        var configurationSet = Assert.Single(app.ProdBackendJson.Resources("AWS::SES::ConfigurationSet")).Id;
        var resources = Resources(statement).Select(r => (TemplateJson.JoinedText(r), r.ToJsonString())).ToList();
        Assert.Equal(2, resources.Count);
        Assert.Contains(resources, r => r.Item1.EndsWith(":identity/", StringComparison.Ordinal) && r.Item2.Contains(identity, StringComparison.Ordinal));
        Assert.Contains(resources, r => r.Item1.EndsWith(":configuration-set/", StringComparison.Ordinal) && r.Item2.Contains(configurationSet, StringComparison.Ordinal));
        Assert.Equal($"alarms@{MailDomain}", (string?)statement["Condition"]!["StringEquals"]!["ses:FromAddress"]);
    }

    [Fact]
    public void Its_task_role_may_publish_text_messages_only_every_sns_arn_being_denied()
    {
        var statements = Statements(TaskRole()).ToList();
        var publish = statements.Where(s => Actions(s).Contains("sns:Publish")).ToList();

        var allow = Assert.Single(publish, s => (string?)s["Effect"] == "Allow");
        Assert.Equal(["*"], Resources(allow).Select(r => (string?)r));
        var deny = Assert.Single(publish, s => (string?)s["Effect"] == "Deny");
        Assert.Equal(["sns:Publish"], Actions(deny));
        Assert.Equal(["arn:aws:sns:*:*:*"], Resources(deny).Select(r => (string?)r));
        // Nothing else of SNS, and nothing beyond mail, text messages and its collector's traces and logs.
        Assert.Equal(
            ["logs:CreateLogStream", "logs:PutLogEvents", "ses:SendEmail", "sns:Publish", "xray:PutTelemetryRecords", "xray:PutTraceSegments"],
            statements.SelectMany(Actions).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_mail_domain_is_an_ses_identity_whose_configuration_set_suppresses_bounces_and_complaints()
    {
        var identity = Assert.Single(app.ProdBackendJson.Resources("AWS::SES::EmailIdentity")).Properties;
        var configurationSet = Assert.Single(app.ProdBackendJson.Resources("AWS::SES::ConfigurationSet"));

        Assert.Equal(MailDomain, (string?)identity["EmailIdentity"]);
        Assert.Equal(configurationSet.Id, TemplateJson.Target(identity["ConfigurationSetAttributes"]!["ConfigurationSetName"]));
        Assert.Equal($"bounce.{MailDomain}", (string?)identity["MailFromAttributes"]!["MailFromDomain"]);
        Assert.Equal(["BOUNCE", "COMPLAINT"], configurationSet.Properties["SuppressionOptions"]!["SuppressedReasons"]!.AsArray().Select(r => (string?)r).Order());
        // The three DKIM CNAMEs the operator publishes, as outputs.
        var outputs = app.Prod.FindOutputs("*").Keys.Where(k => k.Contains("DkimRecord", StringComparison.Ordinal));
        Assert.Equal(3, outputs.Count());
    }

    [Fact]
    public void Sms_are_transactional_with_the_monthly_cap_from_context()
    {
        var settings = Assert.Single(app.ProdBackendJson.Resources("Custom::SmsSettings")).Properties;

        Assert.Equal("Transactional", (string?)settings["DefaultSMSType"]);
        Assert.Equal("50", (string?)settings["MonthlySpendLimit"]);
        var function = app.ProdBackendJson.Resource(TemplateJson.Target(settings["ServiceToken"])!)["Properties"]!;
        Assert.Equal("sms-settings.handler", (string?)function["Handler"]);
        var actions = Statements(TemplateJson.Target(function["Role"])!).SelectMany(Actions).Order(StringComparer.Ordinal);
        Assert.Equal(["logs:CreateLogStream", "logs:PutLogEvents", "sns:SetSMSAttributes"], actions);
    }

    [Fact]
    public void It_may_reach_the_database_on_its_port()
    {
        var group = TemplateJson.Target(app.ProdBackendJson.Service(Family)["NetworkConfiguration"]!["AwsvpcConfiguration"]!["SecurityGroups"]![0])!;
        var database = Assert.Single(app.ProdBackendJson.Resources("AWS::RDS::DBInstance"));
        var databaseGroup = TemplateJson.Target(database.Properties["VPCSecurityGroups"]![0])!;

        Assert.Contains(app.ProdBackendJson.Resources("AWS::EC2::SecurityGroupIngress"), i =>
            TemplateJson.Target(i.Properties["SourceSecurityGroupId"]) == group
            && TemplateJson.Target(i.Properties["GroupId"]) == databaseGroup
            && TemplateJson.Target(i.Properties["FromPort"]) == database.Id);
        Assert.Contains(Container()["Secrets"]!.AsArray(), s => (string?)s!["Name"] == "PGPASSWORD");
        Assert.Contains("Port=5433", Container()["Environment"]!.AsArray()
            .Single(e => (string?)e!["Name"] == "ConnectionStrings__valmetal")!["Value"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void It_starts_once_the_releases_migrations_are_done()
    {
        var work = Assert.Single(app.ProdBackendJson.Resources(StartupWorkConstruct.ResourceType)).Id;
        var dependsOn = app.ProdBackendJson.Resource(app.ProdBackendJson.ServiceId(Family))["DependsOn"]!.AsArray().Select(d => (string?)d);

        Assert.Contains(work, dependsOn);
    }

    private JsonObject Container() =>
        app.ProdBackendJson.TaskDefinition(Family)["ContainerDefinitions"]!.AsArray().Single(c => (string?)c!["Name"] == "notifier")!.AsObject();

    private Dictionary<string, string> Environment() =>
        Container()["Environment"]!.AsArray().ToDictionary(e => (string)e!["Name"]!, e => e!["Value"] is JsonValue v ? v.GetValue<string>() : e!["Value"]!.ToJsonString());

    private string TaskRole() => TemplateJson.Target(app.ProdBackendJson.TaskDefinition(Family)["TaskRoleArn"])!;

    private IEnumerable<JsonObject> Statements(string roleId) => app.ProdBackendJson.PolicyStatements(roleId);

    private static List<string> Actions(JsonObject statement) => [.. TemplateJson.Each(statement["Action"]).Select(a => a.GetValue<string>())];

    private static List<JsonNode> Resources(JsonObject statement) => [.. TemplateJson.Each(statement["Resource"])];
}
