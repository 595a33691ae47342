using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.Timestream;
using Constructs;
using Valmetal.Cdk.Configuration;

namespace Valmetal.Cdk.Data;

/// <summary>
/// The Timestream for LiveAnalytics database and table the services use when an environment's context selects it
/// (<c>valmetal:{env}:timeSeriesStore</c> = <c>timestream</c>, docs/deployment.md). Recent points stay in the memory
/// store for a day, then the magnetic store keeps them as long as history charts reach back; late points from units
/// that were offline are written straight to the magnetic store rather than refused.
/// </summary>
public sealed class TimestreamTableConstruct : Construct
{
    public const int MemoryStoreHours = 24;

    /// <summary>As far back as a history chart may reach (the API's 400-day limit).</summary>
    public const int MagneticStoreDays = 400;

    public CfnDatabase Database { get; }

    public CfnTable Table { get; }

    public TimestreamTableConstruct(Construct scope, string id, DeploymentSettings settings)
        : base(scope, id)
    {
        var names = new ResourceNames(settings.EnvironmentName);
        Database = new CfnDatabase(this, "Database", new CfnDatabaseProps { DatabaseName = names.Of("telemetry") });
        Database.ApplyRemovalPolicy(RemovalPolicy.RETAIN);
        Table = new CfnTable(this, "Table", new CfnTableProps
        {
            DatabaseName = Database.DatabaseName!,
            TableName = "points",
            RetentionProperties = new Dictionary<string, string>
            {
                ["MemoryStoreRetentionPeriodInHours"] = MemoryStoreHours.ToString(CultureInfo.InvariantCulture),
                ["MagneticStoreRetentionPeriodInDays"] = MagneticStoreDays.ToString(CultureInfo.InvariantCulture),
            },
            // Both properties are untyped JSON in the CDK, passed to CloudFormation as given: a typed struct here would be
            // serialized with camel-case names, which CloudFormation ignores.
            MagneticStoreWriteProperties = new Dictionary<string, object> { ["EnableMagneticStoreWrites"] = true },
        });
        Table.AddDependency(Database);
        Table.ApplyRemovalPolicy(RemovalPolicy.RETAIN);
        // cfn-lint warns that Timestream for LiveAnalytics is in maintenance mode: known, and why it is opt-in.
        foreach (var resource in new CfnResource[] { Database, Table })
        {
            resource.AddMetadata("cfn-lint", new Dictionary<string, object>
            {
                ["config"] = new Dictionary<string, object> { ["ignore_checks"] = new[] { "W3697" } },
            });
        }
    }

    /// <summary>The table's ARN, which the write and query permissions name.</summary>
    public string TableArn => Table.AttrArn;
}
