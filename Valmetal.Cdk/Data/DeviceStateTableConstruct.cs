using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Constructs;
using Valmetal.Cdk.Configuration;

namespace Valmetal.Cdk.Data;

/// <summary>Latest state per device (the AppHost's dynalite table); keyed like Valmetal.DeviceState creates it locally.</summary>
public sealed class DeviceStateTableConstruct : Construct
{
    public Table Table { get; }

    public DeviceStateTableConstruct(Construct scope, string id, DeploymentSettings settings)
        : base(scope, id)
    {
        Table = new Table(this, "Table", new TableProps
        {
            TableName = new ResourceNames(settings.EnvironmentName).Of("device-state"),
            PartitionKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = "thing", Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
            PointInTimeRecovery = true,
            Encryption = TableEncryption.AWS_MANAGED,
            DeletionProtection = settings.IsProduction,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
    }
}
