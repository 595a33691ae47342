using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Cdk.Tests;

/// <summary>The raw-point archive: its bucket, the Glue table Athena reads it through, and who may write and read it.</summary>
[Collection(SynthesizedAppCollection.Name)]
public sealed class ArchiveTests(SynthesizedApp app)
{
    [Fact]
    public void The_archive_bucket_blocks_public_access_encrypts_keeps_versions_and_moves_old_days_to_cheaper_storage()
    {
        app.Prod.HasResourceProperties("AWS::S3::Bucket", new Dictionary<string, object>
        {
            ["BucketName"] = Match.StringLikeRegexp("^valmetal-prod-archive-"),
            ["PublicAccessBlockConfiguration"] = new Dictionary<string, object>
            {
                ["BlockPublicAcls"] = true, ["BlockPublicPolicy"] = true, ["IgnorePublicAcls"] = true, ["RestrictPublicBuckets"] = true,
            },
            ["BucketEncryption"] = Match.ObjectLike(new Dictionary<string, object>()),
            ["VersioningConfiguration"] = new Dictionary<string, object> { ["Status"] = "Enabled" },
            ["LifecycleConfiguration"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["Rules"] = Match.ArrayWith([Match.ObjectLike(new Dictionary<string, object>
                {
                    ["Transitions"] = new[]
                    {
                        new Dictionary<string, object> { ["StorageClass"] = "STANDARD_IA", ["TransitionInDays"] = 90 },
                        new Dictionary<string, object> { ["StorageClass"] = "GLACIER_IR", ["TransitionInDays"] = 365 },
                    },
                })]),
            }),
        });
        // TLS only, as every bucket (DataTests.Every_bucket_refuses_requests_without_tls), checked here by name.
        var archive = ArchiveBucket();
        Assert.Contains(app.ProdJson.Resources("AWS::S3::BucketPolicy"), p => TemplateJson.Target(p.Properties["Bucket"]) == archive
            && p.Properties["PolicyDocument"]!["Statement"]!.AsArray().Any(s => (string?)s!["Condition"]?["Bool"]?["aws:SecureTransport"] == "false"));
    }

    [Fact]
    public void The_glue_table_reads_the_archive_prefix_as_parquet_with_the_contract_columns_partitioned_by_projected_day()
    {
        var database = Assert.Single(app.ProdJson.Resources("AWS::Glue::Database")).Properties;
        var table = Assert.Single(app.ProdJson.Resources("AWS::Glue::Table")).Properties;
        var input = table["TableInput"]!;
        var storage = input["StorageDescriptor"]!;

        Assert.Equal("valmetal_prod_archive", (string?)database["DatabaseInput"]!["Name"]);
        Assert.Equal("valmetal_prod_archive", (string?)table["DatabaseName"]);
        Assert.Equal(RawArchive.Columns.Select(c => (c.Name, c.GlueType)),
            storage["Columns"]!.AsArray().Select(c => ((string)c!["Name"]!, (string)c["Type"]!)));
        Assert.Equal([(RawArchive.DayKey, "string")], input["PartitionKeys"]!.AsArray().Select(c => ((string)c!["Name"]!, (string)c["Type"]!)));
        Assert.Equal("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", (string?)storage["SerdeInfo"]!["SerializationLibrary"]);
        var location = TemplateJson.JoinedText(storage["Location"]!);
        Assert.StartsWith("s3://", location, StringComparison.Ordinal);
        Assert.Contains(ArchiveBucket(), storage["Location"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.EndsWith("/" + RawArchive.Prefix, location, StringComparison.Ordinal);
        var parameters = input["Parameters"]!;
        Assert.Equal("true", (string?)parameters["projection.enabled"]);
        Assert.Equal("date", (string?)parameters["projection.day.type"]);
        Assert.Equal(RawArchive.DayFormat, (string?)parameters["projection.day.format"]);
        Assert.EndsWith($"/{RawArchive.Prefix}day=${{day}}/", TemplateJson.JoinedText(parameters["storage.location.template"]!), StringComparison.Ordinal);
    }

    [Fact]
    public void Telemetry_writes_and_reads_the_archive_prefix_and_deletes_nothing()
    {
        var grants = ArchiveGrants("telemetry");

        Assert.Equal(["s3:GetObject", "s3:ListBucket", "s3:PutObject"], grants.Select(g => g.Action).Distinct().Order(StringComparer.Ordinal));
        Assert.All(grants.Where(g => g.Action != "s3:ListBucket"), g => Assert.Contains($"/{RawArchive.Prefix}*", g.Resource, StringComparison.Ordinal));
    }

    [Fact]
    public void The_api_only_reads_the_archive_prefix()
    {
        var grants = ArchiveGrants("backend-api");

        Assert.Equal(["s3:GetObject", "s3:ListBucket"], grants.Select(g => g.Action).Distinct().Order(StringComparer.Ordinal));
        Assert.All(grants.Where(g => g.Action != "s3:ListBucket"), g => Assert.Contains($"/{RawArchive.Prefix}*", g.Resource, StringComparison.Ordinal));
        var listing = app.ProdJson.PolicyStatements(TaskRole("backend-api")).Single(s => TemplateJson.Each(s["Action"]).Any(a => (string?)a == "s3:ListBucket"));
        Assert.Equal(RawArchive.Prefix + "*", (string?)listing["Condition"]!["StringLike"]!["s3:prefix"]);
    }

    [Fact]
    public void Both_services_are_told_the_archive_bucket()
    {
        foreach (var service in new[] { "backend-api", "telemetry" })
        {
            var environment = app.ProdJson.TaskDefinition(TemplateJson.Family(service))["ContainerDefinitions"]!.AsArray()
                .SelectMany(c => c!["Environment"]?.AsArray() ?? []).Single(e => (string?)e!["Name"] == "Archive__BucketName")!;
            Assert.Equal(ArchiveBucket(), TemplateJson.Target(environment["Value"]));
        }
    }

    /// <summary>The role's grants on the archive bucket or its objects.</summary>
    private List<(string Action, string Resource)> ArchiveGrants(string service)
    {
        var bucket = ArchiveBucket();
        return
        [
            .. from statement in app.ProdJson.PolicyStatements(TaskRole(service))
            from action in TemplateJson.Each(statement["Action"]).Select(a => a.GetValue<string>())
            from resource in TemplateJson.Each(statement["Resource"]).Select(r => r is JsonValue v ? v.GetValue<string>() : r.ToJsonString())
            where resource.Contains(bucket, StringComparison.Ordinal)
            select (action, resource),
        ];
    }

    private string TaskRole(string service) => TemplateJson.Target(app.ProdJson.TaskDefinition(TemplateJson.Family(service))["TaskRoleArn"])!;

    private string ArchiveBucket() =>
        app.ProdJson.Resources("AWS::S3::Bucket").Single(b => ((string?)b.Properties["BucketName"])!.Contains("archive", StringComparison.Ordinal)).Id;
}
