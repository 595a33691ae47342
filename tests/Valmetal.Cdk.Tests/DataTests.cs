using Amazon.CDK.Assertions;

namespace Valmetal.Cdk.Tests;

[Collection(SynthesizedAppCollection.Name)]
public sealed class DataTests(SynthesizedApp app)
{
    [Fact]
    public void Postgres_is_encrypted_private_backed_up_and_its_password_generated_into_secrets_manager()
    {
        app.Prod.HasResourceProperties("AWS::RDS::DBInstance", new Dictionary<string, object>
        {
            ["Engine"] = "postgres",
            ["StorageEncrypted"] = true,
            ["PubliclyAccessible"] = false,
            ["MultiAZ"] = true,
            ["DeletionProtection"] = true,
            ["BackupRetentionPeriod"] = 35,
            ["MasterUserPassword"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["Fn::Join"] = Match.ArrayWith([Match.ArrayWith(["{{resolve:secretsmanager:"])]),
            }),
        });
        app.Prod.HasResourceProperties("AWS::SecretsManager::Secret", new Dictionary<string, object>
        {
            ["Name"] = "valmetal-prod/postgres",
            ["GenerateSecretString"] = Match.ObjectLike(new Dictionary<string, object> { ["GenerateStringKey"] = "password" }),
        });
    }

    [Fact]
    public void Postgres_lives_in_the_isolated_data_subnets()
    {
        var isolated = app.ProdJson.Resources("AWS::EC2::Subnet")
            .Where(s => s.Properties["Tags"]!.AsArray().Any(t => (string?)t!["Value"] == "Isolated"))
            .Select(s => s.Id).Order().ToList();
        var group = app.ProdJson.Resources("AWS::RDS::DBSubnetGroup").Single().Properties;
        Assert.Equal(2, isolated.Count);
        Assert.Equal(isolated, group["SubnetIds"]!.AsArray().Select(TemplateJson.Target).Order());
    }

    [Fact]
    public void The_device_state_table_is_on_demand_with_point_in_time_recovery()
    {
        app.Prod.HasResourceProperties("AWS::DynamoDB::Table", new Dictionary<string, object>
        {
            ["TableName"] = "valmetal-prod-device-state",
            ["BillingMode"] = "PAY_PER_REQUEST",
            ["PointInTimeRecoverySpecification"] = new Dictionary<string, object> { ["PointInTimeRecoveryEnabled"] = true },
            ["KeySchema"] = new[] { new Dictionary<string, object> { ["AttributeName"] = "thing", ["KeyType"] = "HASH" } },
        });
    }

    [Fact]
    public void The_document_bucket_blocks_public_access_encrypts_and_expires_old_versions()
    {
        app.Prod.HasResourceProperties("AWS::S3::Bucket", new Dictionary<string, object>
        {
            ["BucketName"] = Match.StringLikeRegexp("^valmetal-prod-documents-"),
            ["PublicAccessBlockConfiguration"] = new Dictionary<string, object>
            {
                ["BlockPublicAcls"] = true, ["BlockPublicPolicy"] = true, ["IgnorePublicAcls"] = true, ["RestrictPublicBuckets"] = true,
            },
            ["BucketEncryption"] = Match.ObjectLike(new Dictionary<string, object>()),
            ["LifecycleConfiguration"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["Rules"] = Match.ArrayWith([Match.ObjectLike(new Dictionary<string, object> { ["Id"] = "expire-replaced-versions" })]),
            }),
        });
    }

    [Fact]
    public void Uploads_never_confirmed_expire_from_the_prefix_the_api_uploads_to()
    {
        Assert.Equal(Valmetal.Api.Features.Documents.DocumentStorage.PendingPrefix, Data.DocumentBucketConstruct.PendingPrefix);
        app.Prod.HasResourceProperties("AWS::S3::Bucket", new Dictionary<string, object>
        {
            ["BucketName"] = Match.StringLikeRegexp("^valmetal-prod-documents-"),
            ["LifecycleConfiguration"] = Match.ObjectLike(new Dictionary<string, object>
            {
                // In the order declared: ArrayWith matches a subsequence.
                ["Rules"] = Match.ArrayWith([
                    Match.ObjectLike(new Dictionary<string, object> { ["Id"] = "abort-incomplete-uploads", ["AbortIncompleteMultipartUpload"] = new Dictionary<string, object> { ["DaysAfterInitiation"] = 7 } }),
                    new Dictionary<string, object>
                    {
                        ["Id"] = "expire-abandoned-uploads",
                        ["Prefix"] = "pending/",
                        ["ExpirationInDays"] = 1,
                        ["NoncurrentVersionExpiration"] = new Dictionary<string, object> { ["NoncurrentDays"] = 1 },
                        ["Status"] = "Enabled",
                    },
                ]),
            }),
        });
    }

    [Fact]
    public void Every_bucket_refuses_requests_without_tls()
    {
        var buckets = app.ProdJson.Resources("AWS::S3::Bucket").Select(b => b.Id).Order().ToList();
        var tlsOnly = app.ProdJson.Resources("AWS::S3::BucketPolicy")
            .Where(p => p.Properties["PolicyDocument"]!["Statement"]!.AsArray().Any(s =>
                (string?)s!["Effect"] == "Deny" && (string?)s["Condition"]?["Bool"]?["aws:SecureTransport"] == "false"))
            .Select(p => TemplateJson.Target(p.Properties["Bucket"])!).Order().ToList();
        Assert.Equal(buckets, tlsOnly);
    }

    [Fact]
    public void Only_the_environment_whose_context_selects_timestream_declares_it_and_the_old_flag_adds_nothing()
    {
        Assert.Equal(9, app.Templates.Count);
        var declaring = app.Templates
            .Where(t => t.Value.AllResources().Any(r => r.Type.StartsWith("AWS::Timestream::", StringComparison.Ordinal)))
            .Select(t => t.Key);
        Assert.Equal(["valmetal-staging-backend"], declaring);
    }

    [Fact]
    public void Browsers_may_upload_to_the_document_bucket_from_the_web_origin_only()
    {
        app.Prod.HasResourceProperties("AWS::S3::Bucket", new Dictionary<string, object>
        {
            ["BucketName"] = Match.StringLikeRegexp("^valmetal-prod-documents-"),
            ["CorsConfiguration"] = new Dictionary<string, object>
            {
                ["CorsRules"] = new[]
                {
                    new Dictionary<string, object>
                    {
                        ["Id"] = "browser-uploads-from-the-web-app",
                        ["AllowedOrigins"] = new[] { "https://app.valmetal-connect.example" },
                        ["AllowedMethods"] = new[] { "PUT", "GET" },
                        // What documents.js sends with the PUT besides the body (the signature covers it).
                        ["AllowedHeaders"] = new[] { "Content-Type" },
                        ["MaxAge"] = 600,
                    },
                },
            },
        });
        var otherBuckets = app.ProdJson.Resources("AWS::S3::Bucket").Where(b => !((string?)b.Properties["BucketName"])!.Contains("documents", StringComparison.Ordinal));
        Assert.All(otherBuckets, b => Assert.Null(b.Properties["CorsConfiguration"]));
    }
}
