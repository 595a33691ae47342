using Amazon.CDK.AWS.Timestream;
using Constructs;
using Valmetal.Cdk.Configuration;

namespace Valmetal.Cdk.Data;

/// <summary>
/// Telemetry history in Timestream, only for accounts that already use it: AWS closed Timestream for
/// LiveAnalytics to new customers in 2025, so new accounts keep history in PostgreSQL (the default).
/// </summary>
public sealed class TimestreamConstruct : Construct
{
    public CfnDatabase Database { get; }

    public CfnTable Table { get; }

    public TimestreamConstruct(Construct scope, string id, DeploymentSettings settings)
        : base(scope, id)
    {
        var names = new ResourceNames(settings.EnvironmentName);
        Database = new CfnDatabase(this, "Database", new CfnDatabaseProps { DatabaseName = names.Of("telemetry") });
        Table = new CfnTable(this, "Table", new CfnTableProps
        {
            DatabaseName = Database.Ref,
            TableName = "device-telemetry",
            RetentionProperties = new Dictionary<string, object>
            {
                ["MemoryStoreRetentionPeriodInHours"] = "24",
                ["MagneticStoreRetentionPeriodInDays"] = "1825",
            },
        });
    }
}
