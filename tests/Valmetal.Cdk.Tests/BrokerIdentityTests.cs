using System.Text.Json.Nodes;

namespace Valmetal.Cdk.Tests;

/// <summary>
/// The services' broker identities in IoT Core: made by the deployment, one per service and shared by its tasks,
/// each task connecting with a client id of its own, and retained publishes allowed where the code retains.
/// </summary>
[Collection(SynthesizedAppCollection.Name)]
public sealed class BrokerIdentityTests(SynthesizedApp app)
{
    [Fact]
    public void Retained_publishes_are_allowed_exactly_where_the_code_retains()
    {
        // Devices retain their status and their will (the same topic); the API retains the desired configuration.
        Assert.Equal(["dt/valmetal/${iot:Connection.Thing.ThingName}/status"], Topics("valmetal-prod-device", "iot:RetainPublish"));
        Assert.Equal(["cmd/valmetal/*/config"], Topics("valmetal-prod-backend-api-broker", "iot:RetainPublish"));
        Assert.Empty(Topics("valmetal-prod-telemetry-broker", "iot:RetainPublish"));
    }

    [Theory]
    [InlineData("valmetal-prod-telemetry-broker", "valmetal-telemetry-*")]
    [InlineData("valmetal-prod-backend-api-broker", "valmetal-api-*")]
    public void Each_task_connects_with_a_client_id_of_its_own_under_its_services_identity(string policy, string clientIds) =>
        Assert.Equal([clientIds], Names(policy, "iot:Connect", "client/"));

    [Theory]
    [InlineData("telemetry", "valmetal-telemetry")]
    [InlineData("backend-api", "valmetal-api")]
    public void Tasks_are_told_their_services_identity_which_iot_core_certificates_do_not_carry(string service, string identity) =>
        Assert.Equal(identity, Environment(service)["Broker__Identity"]);

    [Fact]
    public void Telemetry_has_a_client_slot_for_every_task_that_can_run_at_once()
    {
        var service = app.ProdJson.ServiceId(TemplateJson.Family("telemetry"));
        var telemetry = app.ProdJson.Resources("AWS::ApplicationAutoScaling::ScalableTarget")
            .Single(t => t.Properties["ResourceId"]!.ToJsonString().Contains($"\"{service}\"", StringComparison.Ordinal));
        var deployment = app.ProdJson.Service(TemplateJson.Family("telemetry"))["DeploymentConfiguration"]!;
        var mostAtOnce = (int)telemetry.Properties["MaxCapacity"]! * (int)deployment["MaximumPercent"]! / 100;
        Assert.Equal(mostAtOnce.ToString(System.Globalization.CultureInfo.InvariantCulture), Environment("telemetry")["Ingestion__ClientSlots"]);
    }

    [Fact]
    public void The_deployment_makes_each_services_certificate_and_stores_it_before_the_service_starts()
    {
        var identities = app.ProdJson.Resources("Custom::ServiceBrokerIdentity").ToList();
        Assert.Equal(2, identities.Count);
        var secrets = app.ProdJson.Resources("AWS::SecretsManager::Secret").ToDictionary(s => s.Id, s => (string?)s.Properties["Name"]);
        var made = identities.Select(i => (
            Policy: (string?)i.Properties["PolicyName"],
            Secret: secrets[TemplateJson.Target(i.Properties["SecretId"])!])).Order().ToList();
        Assert.Equal(
            [("valmetal-prod-backend-api-broker", "valmetal-prod/broker/backend-api"), ("valmetal-prod-telemetry-broker", "valmetal-prod/broker/telemetry")],
            made);

        foreach (var (service, secret) in new[] { ("backend-api", "valmetal-prod/broker/backend-api"), ("telemetry", "valmetal-prod/broker/telemetry") })
        {
            var identity = identities.Single(i => secrets[TemplateJson.Target(i.Properties["SecretId"])!] == secret).Id;
            var dependsOn = app.ProdJson.Resource(app.ProdJson.ServiceId(TemplateJson.Family(service)))["DependsOn"]!.AsArray().Select(d => (string?)d);
            Assert.Contains(identity, dependsOn);
        }
    }

    [Fact]
    public void No_secret_is_created_empty_for_an_operator_to_fill_in()
    {
        foreach (var (_, secret) in app.ProdJson.Resources("AWS::SecretsManager::Secret"))
        {
            var template = (string?)secret["GenerateSecretString"]?["SecretStringTemplate"];
            Assert.DoesNotContain("\"\"", template ?? "", StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_identity_function_may_make_certificates_write_the_two_identity_secrets_and_log_only()
    {
        var function = Assert.Single(app.ProdJson.Resources("AWS::Lambda::Function"),
            f => ((string?)f.Properties["Description"])!.Contains("IoT Core certificates", StringComparison.Ordinal));
        var role = TemplateJson.Target(function.Properties["Role"])!;
        Assert.Null(app.ProdJson.Resource(role)["Properties"]!["ManagedPolicyArns"]);
        var statements = app.ProdJson.Resources("AWS::IAM::Policy")
            .Where(p => p.Properties["Roles"]!.AsArray().Any(r => TemplateJson.Target(r) == role))
            .SelectMany(p => p.Properties["PolicyDocument"]!["Statement"]!.AsArray().Select(s => s!.AsObject()))
            .ToList();
        var actions = statements.SelectMany(s => s["Action"] is JsonArray a ? a.Select(x => (string)x!) : [(string)s["Action"]!]).Distinct().Order();
        Assert.Equal(
            ["iot:AttachPolicy", "iot:CreateKeysAndCertificate", "iot:DeleteCertificate", "iot:DetachPolicy", "iot:UpdateCertificate",
             "logs:CreateLogStream", "logs:PutLogEvents", "secretsmanager:PutSecretValue"],
            actions);
        var secretWrites = statements.Where(s => s["Action"]!.ToJsonString().Contains("secretsmanager:", StringComparison.Ordinal))
            .SelectMany(s => s["Resource"] is JsonArray a ? a.Select(TemplateJson.Target) : [TemplateJson.Target(s["Resource"])]).Order().ToList();
        Assert.Equal(app.ProdJson.Resources("AWS::SecretsManager::Secret").Where(s => ((string?)s.Properties["Name"])!.Contains("/broker/", StringComparison.Ordinal))
            .Select(s => s.Id).Order(), secretWrites);
    }

    private Dictionary<string, string> Environment(string service) =>
        app.ProdJson.TaskDefinition(TemplateJson.Family(service))["ContainerDefinitions"]![0]!["Environment"]!.AsArray()
            .ToDictionary(e => (string)e!["Name"]!, e => e!["Value"] is JsonValue v ? v.ToString() : e!["Value"]!.ToJsonString());


    private List<string> Topics(string policy, string action) => Names(policy, action, "topic/");

    /// <summary>What follows <paramref name="kind"/> in each resource of the policy's statement for the action.</summary>
    private List<string> Names(string policy, string action, string kind) =>
        [.. app.ProdJson.Resources("AWS::IoT::Policy").Single(p => (string?)p.Properties["PolicyName"] == policy)
            .Properties["PolicyDocument"]!["Statement"]!.AsArray().Select(s => s!.AsObject())
            .Where(s => (string?)s["Action"] == action)
            .SelectMany(s => s["Resource"]!.AsArray().Select(r => TemplateJson.JoinedText(r!)))
            .Select(r => r[(r.IndexOf(":" + kind, StringComparison.Ordinal) + kind.Length + 1)..])];
}
