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
        // dev shows the Timestream flag on; prod, like cdk.json, has it off.
        context["valmetal:dev:timestream"] = true;

        var app = new App(new AppProps { Context = context, Outdir = Path.Combine(_work.FullName, "cdk.out") });
        var stacks = ValmetalApp.Compose(app);
        var assembly = app.Synth();

        var prod = stacks.Single(s => s.Application.StackName == $"valmetal-{Environment}");
        var dev = stacks.Single(s => s.Application.StackName == "valmetal-dev");
        Prod = Template.FromStack(prod.Application);
        ProdJson = Read(assembly.Directory, prod.Application.StackName);
        DevJson = Read(assembly.Directory, dev.Application.StackName);
        ProdRegistry = Template.FromStack(prod.Registry);
        CertificateArn = (string)context[$"valmetal:{Environment}:certificateArn"];
    }

    public Template Prod { get; }

    public Template ProdRegistry { get; }

    public TemplateJson ProdJson { get; }

    public TemplateJson DevJson { get; }

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

    private static TemplateJson Read(string directory, string stackName) =>
        new(JsonNode.Parse(File.ReadAllText(Path.Combine(directory, $"{stackName}.template.json")))!.AsObject());

    private static Dictionary<string, object> CdkJsonContext()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "cdk.json")));
        return json.RootElement.GetProperty("context").EnumerateObject().ToDictionary(
            p => p.Name,
            p => p.Value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => (object)false,
                _ => p.Value.GetString()!,
            });
    }
}

[CollectionDefinition(Name)]
public sealed class SynthesizedAppCollection : ICollectionFixture<SynthesizedApp>
{
    public const string Name = "Synthesized app";
}
