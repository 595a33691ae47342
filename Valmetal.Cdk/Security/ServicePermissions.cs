using Amazon.CDK;
using Amazon.CDK.AWS.Cognito;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.S3;
using Valmetal.Cdk.Iot;

namespace Valmetal.Cdk.Security;

/// <summary>
/// Least privilege, written out action by action from what the code calls (no CDK grant helpers: they add
/// index wildcards and actions the services never use). The web client gets nothing: it has no data access.
/// The services connect to IoT Core with their certificates, and the IoT policy attached to each certificate is what
/// IoT Core checks there; the only iot: actions are the API's device registry calls (<see cref="GrantDeviceRegistry"/>).
/// </summary>
public static class ServicePermissions
{
    public static void GrantApi(IRole role, ITable deviceState, IBucket documents, IUserPool users)
    {
        // DeviceStateReader (GetItem, BatchGetItem) and DesiredConfigApi (conditional UpdateItem).
        Allow(role, [deviceState.TableArn], "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:UpdateItem");
        // DocumentStorage presigns GET and PUT, reads metadata (HEAD needs GetObject), copies a confirmed upload out of
        // pending/ (GetObject on the source, PutObject on the target) and deletes. Object keys are
        // chosen at upload time, so the resource is every object of this one bucket.
        Allow(role, [documents.ArnForObjects("*")], "s3:GetObject", "s3:PutObject", "s3:DeleteObject");
        // CognitoUserAdministration, call for call: invite (and invite again), group membership, disable and enable,
        // password reset, sign-out everywhere. The user list comes from the API's database, not the pool.
        Allow(role, [users.UserPoolArn],
            "cognito-idp:AdminCreateUser", "cognito-idp:AdminGetUser", "cognito-idp:AdminSetUserPassword",
            "cognito-idp:AdminEnableUser", "cognito-idp:AdminDisableUser", "cognito-idp:AdminAddUserToGroup",
            "cognito-idp:AdminRemoveUserFromGroup", "cognito-idp:AdminResetUserPassword", "cognito-idp:AdminUserGlobalSignOut");
    }

    /// <summary>
    /// IotCoreDeviceRegistry: things (thing names are equipment serial numbers, so any thing of the account), in this
    /// deployment's thing types only, and certificates, whose ids exist only once IoT Core made them.
    /// CreateCertificateFromCsr and DescribeEndpoint have no resource to name.
    /// </summary>
    public static void GrantDeviceRegistry(IRole role, string deploymentPrefix)
    {
        var stack = Stack.Of(role);
        string Arn(string kind, string name) => IotArn.Of(stack, kind, name);
        Allow(role, [Arn("thing", "*"), Arn("thingtype", deploymentPrefix + "-*")], "iot:CreateThing");
        Allow(role, [Arn("thing", "*")], "iot:DeleteThing", "iot:ListThingPrincipals", "iot:AttachThingPrincipal", "iot:DetachThingPrincipal");
        Allow(role, [Arn("cert", "*")], "iot:UpdateCertificate", "iot:AttachPolicy", "iot:DetachPolicy");
        Allow(role, ["*"], "iot:CreateCertificateFromCsr", "iot:DescribeEndpoint");
    }

    public static void GrantTelemetry(IRole role, ITable deviceState)
    {
        // DeviceStateWriter: conditional updates of the latest state per device.
        Allow(role, [deviceState.TableArn], "dynamodb:GetItem", "dynamodb:UpdateItem");
    }

    /// <summary>
    /// PartitionArchive writes a day's parts and manifest and reads each back (GetObject); nothing deletes. Listing,
    /// under the archive's prefix only, makes a missing object answer 404 rather than 403 (ArchiveObjects reads that as
    /// "not archived yet").
    /// </summary>
    public static void GrantArchiveWriter(IRole role, IBucket archive, string prefix)
    {
        Allow(role, [archive.ArnForObjects(prefix + "*")], "s3:PutObject", "s3:GetObject");
        AllowListing(role, archive, prefix);
    }

    /// <summary>The API's CSV export reads a day's manifest and parts; it may not write or delete.</summary>
    public static void GrantArchiveReader(IRole role, IBucket archive, string prefix)
    {
        Allow(role, [archive.ArnForObjects(prefix + "*")], "s3:GetObject");
        AllowListing(role, archive, prefix);
    }

    private static void AllowListing(IRole role, IBucket bucket, string prefix) =>
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Effect = Effect.ALLOW,
            Actions = ["s3:ListBucket"],
            Resources = [bucket.BucketArn],
            Conditions = new Dictionary<string, object>
            {
                ["StringLike"] = new Dictionary<string, object> { ["s3:prefix"] = prefix + "*" },
            },
        }));

    /// <summary>
    /// SesEmailChannel: SES v2's SendEmail is authorized on the identity it sends from and on the configuration set
    /// the message goes through (the identity's default one), and only from the notifier's one address.
    /// </summary>
    public static void GrantEmailSending(IRole role, string identityArn, string configurationSetArn, string fromAddress) =>
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Effect = Effect.ALLOW,
            Actions = ["ses:SendEmail"],
            Resources = [identityArn, configurationSetArn],
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { ["ses:FromAddress"] = fromAddress },
            },
        }));

    /// <summary>
    /// SnsSmsChannel: Publish to a phone number names no resource, so it is allowed on '*'; the explicit deny of every
    /// SNS ARN (topics, mobile push endpoints) leaves the role nothing but text messages.
    /// </summary>
    public static void GrantSmsSending(IRole role)
    {
        Allow(role, ["*"], "sns:Publish");
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Effect = Effect.DENY,
            Actions = ["sns:Publish"],
            Resources = [$"arn:{Stack.Of(role).Partition}:sns:*:*:*"],
        }));
    }

    /// <summary>
    /// TimestreamTimeSeriesWriter: WriteRecords on the one table, and the endpoint discovery every Timestream call
    /// starts with, which has no resource to name.
    /// </summary>
    public static void GrantTimestreamWriter(IRole role, string tableArn)
    {
        Allow(role, [tableArn], "timestream:WriteRecords");
        Allow(role, ["*"], "timestream:DescribeEndpoints");
    }

    /// <summary>TimestreamHistory and TimestreamCsvExport: queries of the one table, and endpoint discovery.</summary>
    public static void GrantTimestreamReader(IRole role, string tableArn)
    {
        Allow(role, [tableArn], "timestream:Select");
        Allow(role, ["*"], "timestream:DescribeEndpoints");
    }

    private static void Allow(IRole role, string[] resources, params string[] actions) =>
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Effect = Effect.ALLOW,
            Actions = actions,
            Resources = resources,
        }));
}
