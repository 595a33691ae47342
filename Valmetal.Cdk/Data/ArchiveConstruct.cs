using Amazon.CDK;
using Amazon.CDK.AWS.Glue;
using Amazon.CDK.AWS.S3;
using Constructs;
using Valmetal.Cdk.Configuration;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Cdk.Data;

/// <summary>
/// Raw points past retention (the telemetry service's archive pass writes them, the API's CSV export reads them) and a
/// Glue table over them, so Athena queries years of raw data: Parquet in day folders (<see cref="RawArchive"/>), with
/// partition projection on the day, so no crawler has to find the folders.
/// </summary>
public sealed class ArchiveConstruct : Construct
{
    /// <summary>Athena's projection starts here; days before it hold nothing (the platform's first data).</summary>
    public const string FirstDay = "2026-01-01";

    public const string TableName = "raw_points";

    public Bucket Bucket { get; }

    public string DatabaseName { get; }

    /// <summary>Bucket names are global: the account keeps two environments in different accounts apart.</summary>
    public static string NameFor(DeploymentSettings settings) =>
        $"{new ResourceNames(settings.EnvironmentName).Of("archive")}-{settings.Account}";

    public ArchiveConstruct(Construct scope, string id, DeploymentSettings settings, IBucket accessLogs)
        : base(scope, id)
    {
        // Versioned as every data bucket: a pass that repeats overwrites a day's parts with the same rows, and
        // versions guard against a wrong delete.
        var props = PrivateBucket.Props(NameFor(settings), accessLogs, "archive/");
        props.LifecycleRules =
        [
            new LifecycleRule { Id = "abort-incomplete-uploads", AbortIncompleteMultipartUploadAfter = Duration.Days(7) },
            new LifecycleRule { Id = "expire-replaced-versions", NoncurrentVersionExpiration = Duration.Days(30) },
            // Old days are read rarely (an export, an Athena query): Glacier Instant Retrieval still answers in
            // milliseconds, so both keep working, at about a fifth of Standard's storage price.
            new LifecycleRule
            {
                Id = "cheaper-storage-as-days-age",
                Transitions =
                [
                    new Transition { StorageClass = StorageClass.INFREQUENT_ACCESS, TransitionAfter = Duration.Days(90) },
                    new Transition { StorageClass = StorageClass.GLACIER_INSTANT_RETRIEVAL, TransitionAfter = Duration.Days(365) },
                ],
            },
        ];
        Bucket = new Bucket(this, "Bucket", props);

        var account = Stack.Of(this).Account;
        DatabaseName = new ResourceNames(settings.EnvironmentName).Prefix.Replace('-', '_') + "_archive";
        var database = new CfnDatabase(this, "Database", new CfnDatabaseProps
        {
            CatalogId = account,
            DatabaseInput = new CfnDatabase.DatabaseInputProperty { Name = DatabaseName, Description = "Raw telemetry points past the database's retention" },
        });
        var location = $"s3://{Bucket.BucketName}/{RawArchive.Prefix}";
        var table = new CfnTable(this, "RawPoints", new CfnTableProps
        {
            CatalogId = account,
            DatabaseName = DatabaseName,
            TableInput = new CfnTable.TableInputProperty
            {
                Name = TableName,
                Description = "One row per raw point: thing, metric, ts (UTC), value, and the unit's farm when known",
                TableType = "EXTERNAL_TABLE",
                PartitionKeys = new[] { new CfnTable.ColumnProperty { Name = RawArchive.DayKey, Type = "string" } },
                Parameters = new Dictionary<string, string>
                {
                    ["classification"] = "parquet",
                    ["projection.enabled"] = "true",
                    [$"projection.{RawArchive.DayKey}.type"] = "date",
                    [$"projection.{RawArchive.DayKey}.format"] = RawArchive.DayFormat,
                    [$"projection.{RawArchive.DayKey}.range"] = $"{FirstDay},NOW",
                    [$"projection.{RawArchive.DayKey}.interval"] = "1",
                    [$"projection.{RawArchive.DayKey}.interval.unit"] = "DAYS",
                    ["storage.location.template"] = $"{location}{RawArchive.DayKey}=${{{RawArchive.DayKey}}}/",
                },
                StorageDescriptor = new CfnTable.StorageDescriptorProperty
                {
                    Location = location,
                    InputFormat = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                    OutputFormat = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
                    SerdeInfo = new CfnTable.SerdeInfoProperty { SerializationLibrary = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe" },
                    Columns = RawArchive.Columns.Select(c => new CfnTable.ColumnProperty { Name = c.Name, Type = c.GlueType }).ToArray(),
                },
            },
        });
        table.AddDependency(database);
    }
}
