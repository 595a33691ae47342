using System.Text.Json.Nodes;

namespace Valmetal.Cdk.Tests;

/// <summary>Least privilege: each task role reaches only what its service's code calls; the web client its key ring only.</summary>
[Collection(SynthesizedAppCollection.Name)]
public sealed class PermissionTests(SynthesizedApp app)
{
    [Fact]
    public void The_web_client_task_role_reaches_only_its_key_ring_prefix_of_the_document_bucket()
    {
        var role = TaskRole("web-client");
        var grants = GrantsOf(role).Where(g => !IsCollector(g.Action)).ToList();

        // The bucket lives in the backend stack; the web stack names it (no export), so its ARN carries the name.
        Assert.NotEmpty(grants);
        Assert.All(grants, g => Assert.StartsWith("s3:", g.Action, StringComparison.Ordinal));
        Assert.All(grants, g => Assert.Contains("valmetal-prod-documents", g.Resource, StringComparison.Ordinal));
        // Objects only under the key ring's prefix; the bucket ARN itself (object actions do not apply to it) for listing.
        var objectResources = grants.Select(g => g.Resource).Where(r => r.Contains('/', StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(objectResources);
        Assert.All(objectResources, r => Assert.Contains("/data-protection/web/*", r, StringComparison.Ordinal));
        Assert.Contains(grants, g => g.Action == "s3:PutObject");
        var properties = app.ProdJson.Resource(role)["Properties"]!;
        Assert.Null(properties["Policies"]);
        Assert.Null(properties["ManagedPolicyArns"]);
    }

    [Fact]
    public void The_web_client_has_no_database_table_or_secret_permissions_in_either_role()
    {
        var task = app.ProdJson.TaskDefinition(TemplateJson.Family("web-client"));
        var actions = new[] { TemplateJson.Target(task["TaskRoleArn"])!, TemplateJson.Target(task["ExecutionRoleArn"])! }
            .SelectMany(StatementsOf).SelectMany(Actions).ToList();
        Assert.DoesNotContain(actions, a => a.StartsWith("dynamodb:", StringComparison.Ordinal) || a.StartsWith("rds", StringComparison.Ordinal)
            || a.StartsWith("secretsmanager:", StringComparison.Ordinal) || a.StartsWith("timestream:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_api_reaches_only_its_table_buckets_and_user_pool()
    {
        var grants = GrantsOf(TaskRole("backend-api")).ToList();
        var table = Single("AWS::DynamoDB::Table");
        var bucket = DocumentBucket();
        var archive = ArchiveBucket();
        var pool = Single("AWS::Cognito::UserPool");

        Assert.All(grants.Where(g => !IsCollector(g.Action) && !IsDeviceRegistry(g.Action)), g => Assert.True(
            g.Resource.Contains(table, StringComparison.Ordinal) || g.Resource.Contains(bucket, StringComparison.Ordinal)
            || g.Resource.Contains(archive, StringComparison.Ordinal) || g.Resource.Contains(pool, StringComparison.Ordinal),
            $"the API may {g.Action} on {g.Resource}"));
        Assert.Contains(grants, g => g.Action == "s3:PutObject");
    }

    [Fact]
    public void The_api_holds_exactly_the_user_pool_actions_its_user_administration_calls_on_its_own_pool()
    {
        var pool = Single("AWS::Cognito::UserPool");
        var grants = GrantsOf(TaskRole("backend-api")).Where(g => g.Action.StartsWith("cognito-idp:", StringComparison.Ordinal)).ToList();

        Assert.Equal(
            ["cognito-idp:AdminAddUserToGroup", "cognito-idp:AdminCreateUser", "cognito-idp:AdminDisableUser", "cognito-idp:AdminEnableUser",
                "cognito-idp:AdminGetUser", "cognito-idp:AdminRemoveUserFromGroup", "cognito-idp:AdminResetUserPassword",
                "cognito-idp:AdminSetUserPassword", "cognito-idp:AdminUserGlobalSignOut"],
            grants.Select(g => g.Action).Distinct().Order(StringComparer.Ordinal));
        Assert.All(grants, g => Assert.Contains(pool, g.Resource, StringComparison.Ordinal));
    }

    [Fact]
    public void The_api_holds_exactly_the_device_registry_actions_on_things_certificates_and_its_own_thing_types()
    {
        var grants = GrantsOf(TaskRole("backend-api")).Where(g => IsDeviceRegistry(g.Action)).ToList();

        Assert.Equal(
            ["iot:AttachPolicy", "iot:AttachThingPrincipal", "iot:CreateCertificateFromCsr", "iot:CreateThing", "iot:DeleteThing",
                "iot:DescribeEndpoint", "iot:DetachPolicy", "iot:DetachThingPrincipal", "iot:ListThingPrincipals", "iot:UpdateCertificate"],
            grants.Select(g => g.Action).Distinct().Order(StringComparer.Ordinal));
        Assert.All(grants.Where(g => g.Resource != "*"), g => Assert.Matches(@":thing/\*|:cert/\*|:thingtype/valmetal-prod-\*", g.Resource));
        Assert.All(grants.Where(g => g.Resource == "*"), g => Assert.Contains(g.Action, new[] { "iot:CreateCertificateFromCsr", "iot:DescribeEndpoint" }));
    }

    [Fact]
    public void Telemetry_may_not_touch_documents_users_or_other_tables()
    {
        var statements = StatementsOf(TaskRole("telemetry")).ToList();
        var actions = statements.SelectMany(Actions).ToList();
        // No iot: actions: the service connects with its certificate, and IoT Core checks the policy attached to that.
        Assert.DoesNotContain(actions, a => a.StartsWith("cognito-idp:", StringComparison.Ordinal) || a.StartsWith("iot:", StringComparison.Ordinal));
        // S3 only for the raw-point archive (ArchiveTests), never the documents.
        var archive = ArchiveBucket();
        Assert.All(statements.Where(s => Actions(s).Any(a => a.StartsWith("s3:", StringComparison.Ordinal))).SelectMany(ResourcesOf),
            r => Assert.Contains(archive, r, StringComparison.Ordinal));
        var table = Single("AWS::DynamoDB::Table");
        Assert.All(statements.Where(s => Actions(s).Any(a => a.StartsWith("dynamodb:", StringComparison.Ordinal))).SelectMany(ResourcesOf),
            r => Assert.Contains(table, r, StringComparison.Ordinal));
    }

    [Fact]
    public void Wildcard_resources_appear_only_for_actions_that_accept_nothing_else()
    {
        // The notifier's text messages (sns:Publish to a phone number) and the account's SMS settings name no resource either.
        string[] needWildcard = ["ecr:GetAuthorizationToken", "xray:PutTraceSegments", "xray:PutTelemetryRecords", "iot:CreateKeysAndCertificate",
            "iot:CreateCertificateFromCsr", "iot:DescribeEndpoint", "sns:Publish", "sns:SetSMSAttributes"];
        var wildcardActions = app.ProdJson.Resources("AWS::IAM::Policy")
            .SelectMany(p => p.Properties["PolicyDocument"]!["Statement"]!.AsArray().Select(s => s!.AsObject()))
            .Where(s => ResourcesOf(s).Contains("*"))
            .SelectMany(Actions).Distinct().ToList();
        Assert.NotEmpty(wildcardActions);
        Assert.All(wildcardActions, a => Assert.Contains(a, needWildcard));
    }

    [Theory]
    [InlineData("backend-api")]
    [InlineData("web-client")]
    [InlineData("telemetry")]
    [InlineData("notifier")]
    public void Every_task_role_lets_its_collector_send_traces_and_write_its_own_log_group(string service)
    {
        var actions = GrantsOf(TaskRole(service)).Select(g => g.Action).Where(IsCollector).ToHashSet();
        Assert.Superset(new HashSet<string> { "xray:PutTraceSegments", "xray:PutTelemetryRecords", "logs:CreateLogStream", "logs:PutLogEvents" }, actions);
        var logs = StatementsOf(TaskRole(service)).Single(s => Actions(s).Contains("logs:PutLogEvents"));
        var collectorLogs = app.ProdJson.Resources("AWS::Logs::LogGroup")
            .Single(g => (string?)g.Properties["LogGroupName"] == $"/valmetal/prod/{service}-collector").Id;
        Assert.All(ResourcesOf(logs), r => Assert.Contains(collectorLogs, r, StringComparison.Ordinal));
    }

    /// <summary>
    /// What the ADOT sidecar needs: X-Ray segments (no resource-level permissions) and its log group, where the
    /// awsemf exporter writes metrics as embedded-metric-format events (so no cloudwatch:PutMetricData).
    /// </summary>
    private static bool IsCollector(string action) =>
        action is "xray:PutTraceSegments" or "xray:PutTelemetryRecords" or "logs:CreateLogStream" or "logs:PutLogEvents";

    private static bool IsDeviceRegistry(string action) => action.StartsWith("iot:", StringComparison.Ordinal);

    /// <summary>
    /// Each action the role may take, with each resource it may take it on: the CDK merges statements that name the
    /// same resources, so one statement can hold unrelated actions.
    /// </summary>
    private IEnumerable<(string Action, string Resource)> GrantsOf(string roleId) =>
        StatementsOf(roleId).SelectMany(s => Actions(s).SelectMany(a => ResourcesOf(s).Select(r => (a, r))));

    private string TaskRole(string service) =>
        TemplateJson.Target(app.ProdJson.TaskDefinition(TemplateJson.Family(service))["TaskRoleArn"])!;

    private string DocumentBucket() =>
        app.ProdJson.Resources("AWS::S3::Bucket").Single(b => ((string?)b.Properties["BucketName"])!.Contains("documents", StringComparison.Ordinal)).Id;

    private string ArchiveBucket() =>
        app.ProdJson.Resources("AWS::S3::Bucket").Single(b => ((string?)b.Properties["BucketName"])!.Contains("archive", StringComparison.Ordinal)).Id;

    private string Single(string type) => Assert.Single(app.ProdJson.Resources(type)).Id;

    private IEnumerable<JsonObject> StatementsOf(string roleId) => app.ProdJson.PolicyStatements(roleId);

    private static IEnumerable<string> Actions(JsonObject statement) => TemplateJson.Each(statement["Action"]).Select(a => a.GetValue<string>());

    private static IEnumerable<string> ResourcesOf(JsonObject statement) =>
        TemplateJson.Each(statement["Resource"]).Select(r => r is JsonValue v ? v.GetValue<string>() : r.ToJsonString());
}
