using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.RDS;
using Amazon.CDK.AWS.SecretsManager;
using InstanceType = Amazon.CDK.AWS.EC2.InstanceType;
using Constructs;
using Valmetal.Cdk.Configuration;

namespace Valmetal.Cdk.Data;

/// <summary>The PostgreSQL the API and telemetry share (the AppHost's "postgres" with database "valmetal").</summary>
public sealed class DatabaseConstruct : Construct
{
    public const string DatabaseName = "valmetal";
    public const string UserName = "valmetal";

    /// <summary>Not 5432: scanners probe the default port first (cdk-nag AwsSolutions-RDS11).</summary>
    public const int Port = 5433;

    public DatabaseInstance Instance { get; }

    public ISecret Credentials => Instance.Secret ?? throw new InvalidOperationException("The instance generates its credentials.");

    public DatabaseConstruct(Construct scope, string id, DeploymentSettings settings, IVpc vpc)
        : base(scope, id)
    {
        var names = new ResourceNames(settings.EnvironmentName);
        // 2.160's newest constant (16.4) can no longer be created; named by string, newest minor cfn-lint accepts.
        var engine = DatabaseInstanceEngine.Postgres(new PostgresInstanceEngineProps { Version = PostgresEngineVersion.Of("17.9", "17") });
        DatabaseBudget.EnsureFits(settings);
        Instance = new DatabaseInstance(this, "Postgres", new DatabaseInstanceProps
        {
            InstanceIdentifier = names.Of("postgres"),
            Engine = engine,
            InstanceType = settings.IsProduction
                ? InstanceType.Of(InstanceClass.R7G, InstanceSize.LARGE)
                : InstanceType.Of(InstanceClass.T4G, InstanceSize.MEDIUM),
            Vpc = vpc,
            VpcSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_ISOLATED },
            Port = Port,
            // max_connections is set, not left to follow the instance's memory, so the services' pools can be checked
            // against it at synth (DatabaseBudget).
            ParameterGroup = new ParameterGroup(this, "Parameters", new ParameterGroupProps
            {
                Engine = engine,
                Description = "Valmetal Connect: connection limit the services' pools are budgeted against",
                Parameters = new Dictionary<string, string>
                {
                    ["max_connections"] = DatabaseBudget.MaxConnections(settings).ToString(CultureInfo.InvariantCulture),
                },
            }),
            DatabaseName = DatabaseName,
            Credentials = Amazon.CDK.AWS.RDS.Credentials.FromGeneratedSecret(UserName, new CredentialsBaseOptions
            {
                SecretName = $"{names.Prefix}/postgres",
            }),
            StorageEncrypted = true,
            AllocatedStorage = 50,
            MaxAllocatedStorage = 500,
            MultiAz = true,
            PubliclyAccessible = false,
            BackupRetention = Duration.Days(settings.IsProduction ? 35 : 7),
            DeleteAutomatedBackups = false,
            DeletionProtection = true,
            IamAuthentication = true,
            CloudwatchLogsExports = [.. LogExports],
            EnablePerformanceInsights = true,
            AutoMinorVersionUpgrade = true,
            RemovalPolicy = RemovalPolicy.SNAPSHOT,
        });

        // Declared here rather than with CloudwatchLogsRetention, which adds a Lambda function just to set retention.
        foreach (var export in LogExports)
        {
            var logs = new LogGroup(this, $"Logs-{export}", new LogGroupProps
            {
                LogGroupName = $"/aws/rds/instance/{names.Of("postgres")}/{export}",
                Retention = RetentionDays.THREE_MONTHS,
                RemovalPolicy = RemovalPolicy.RETAIN,
            });
            Instance.Node.AddDependency(logs);
        }
    }

    private static readonly string[] LogExports = ["postgresql", "upgrade"];

    /// <summary>Npgsql reads the password from PGPASSWORD, which ECS injects from the secret.</summary>
    public string ConnectionString =>
        $"Host={Instance.DbInstanceEndpointAddress};Port={Port};Database={DatabaseName};Username={UserName};SSL Mode=Require";

    public void AllowFrom(IConnectable client) => Instance.Connections.AllowDefaultPortFrom(client, "PostgreSQL from the services");
}
