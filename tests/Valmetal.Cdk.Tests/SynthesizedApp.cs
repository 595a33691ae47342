using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using Valmetal.Cdk;

namespace Valmetal.Cdk.Tests;

/// <summary>
/// Synthesizes every stack once per test run, offline, with cdk.json's context; jsii's scratch files go to a
/// folder this run owns and deletes.
/// </summary>
public sealed class SynthesizedApp : IDisposable
{
    public const string GitSha = "0123456789abcdef0123456789abcdef01234567";
    public const string Environment = "prod";

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("valmetal-cdk-tests-");

    public SynthesizedApp()
    {
        // Read by the jsii runtime when it starts, which is on the first CDK call below.
        System.Environment.SetEnvironmentVariable("TMPDIR", _work.FullName);
        System.Environment.SetEnvironmentVariable("JSII_RUNTIME_PACKAGE_CACHE_ROOT", Path.Combine(_work.FullName, "jsii-cache"));
        System.Environment.SetEnvironmentVariable("CDK_VALIDATION", "false");
        System.Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");

        var context = CdkJsonContext();
        context["valmetal:gitSha"] = GitSha;
        // The flag that used to add Timestream, as an environment's context may still carry it: it must add nothing.
        context["valmetal:dev:timestream"] = true;
        // Staging pages someone; prod, like cdk.json, has nobody subscribed yet (allowed).
        context["valmetal:staging:alarmEmails"] = new[] { "ops@valmetal.example", "oncall@valmetal.example" };
        context["valmetal:prod:requestsPerAddressLimit"] = "1500";
        // Staging keeps its time series in Timestream; prod, like cdk.json, in PostgreSQL.
        context["valmetal:staging:timeSeriesStore"] = "timestream";

        var app = new App(new AppProps { Context = context, Outdir = Path.Combine(_work.FullName, "cdk.out") });
        var stacks = ValmetalApp.Compose(app);
        var assembly = app.Synth();

        var prod = stacks.Single(s => s.Backend.StackName == $"valmetal-{Environment}-backend");
        Prod = Template.FromStack(prod.Backend);
        ProdWeb = Template.FromStack(prod.Web);
        ProdRegistry = Template.FromStack(prod.Registry);
        ProdBackendJson = new TemplateJson(Read(assembly.Directory, prod.Backend.StackName));
        ProdWebJson = new TemplateJson(Read(assembly.Directory, prod.Web.StackName));
        ProdJson = new TemplateJson(Read(assembly.Directory, prod.Backend.StackName), Read(assembly.Directory, prod.Web.StackName));
        StagingBackendJson = new TemplateJson(Read(assembly.Directory, "valmetal-staging-backend"));
        StackNames = [.. stacks.SelectMany(s => new Stack[] { s.Registry, s.Backend, s.Web }).Select(s => s.StackName)];
        Templates = StackNames.ToDictionary(name => name, name => new TemplateJson(Read(assembly.Directory, name)));
        CertificateArn = (string)context[$"valmetal:{Environment}:certificateArn"];
        RequestsPerAddressLimit = 1500;
    }

    /// <summary>The prod backend stack (network, data, identity, IoT Core, API, telemetry, alarm topic, dashboard).</summary>
    public Template Prod { get; }

    /// <summary>The prod web stack (web cluster, its load balancer, firewall and alarms).</summary>
    public Template ProdWeb { get; }

    public Template ProdRegistry { get; }

    /// <summary>The two prod application stacks, for rules that hold in each (one load balancer, one cluster apiece).</summary>
    public IReadOnlyList<Template> ProdApplicationStacks => [Prod, ProdWeb];

    /// <summary>Both prod application stacks together, for questions about every service whichever stack holds it.</summary>
    public TemplateJson ProdJson { get; }

    public TemplateJson ProdBackendJson { get; }

    public TemplateJson ProdWebJson { get; }

    public TemplateJson StagingBackendJson { get; }

    public IReadOnlyList<string> StackNames { get; }

    /// <summary>Every stack of every environment, by stack name.</summary>
    public IReadOnlyDictionary<string, TemplateJson> Templates { get; }

    public int RequestsPerAddressLimit { get; }

    public string CertificateArn { get; }

    public void Dispose()
    {
        try
        {
            _work.Delete(recursive: true);
        }
        catch (IOException)
        {
            // The jsii process may still hold a file for a moment; the folder is under the system temp anyway.
        }
    }

    private static JsonObject Read(string directory, string stackName) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(directory, $"{stackName}.template.json")))!.AsObject();

    private static Dictionary<string, object> CdkJsonContext()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "cdk.json")));
        return json.RootElement.GetProperty("context").EnumerateObject().ToDictionary(
            p => p.Name,
            p => p.Value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => (object)false,
                JsonValueKind.Array => p.Value.EnumerateArray().Select(i => i.GetString()!).ToArray(),
                _ => p.Value.GetString()!,
            });
    }
}

[CollectionDefinition(Name)]
public sealed class SynthesizedAppCollection : ICollectionFixture<SynthesizedApp>
{
    public const string Name = "Synthesized app";
}
