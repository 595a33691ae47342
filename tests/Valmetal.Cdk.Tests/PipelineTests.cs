using Valmetal.Cdk.Configuration;
using YamlDotNet.RepresentationModel;

namespace Valmetal.Cdk.Tests;

/// <summary>
/// The delivery workflows against the synthesized app: every stack has its deploy job, images pass the scan gate
/// before any service stack deploys, staging ends with the device round trip, tests run in Debian 12. Whether the
/// gates and the smoke test work is for a real run to show (docs/deployment.md, "verified by template only").
/// </summary>
[Collection(SynthesizedAppCollection.Name)]
public sealed class PipelineTests(SynthesizedApp app)
{
    private static readonly string Root = FindRoot();

    [Fact]
    public void The_deploy_workflow_deploys_each_stack_of_an_environment_in_its_own_job()
    {
        var deployed = Jobs("deploy.yml").ToDictionary(j => j.Name, j => DeployedStacks(j.Job).ToList());
        Assert.All(deployed.Values, stacks => Assert.True(stacks.Count <= 1, string.Join(", ", stacks)));
        var prodStacks = app.StackNames.Where(n => n.StartsWith("valmetal-prod-", StringComparison.Ordinal))
            .Select(n => n.Replace("valmetal-prod-", "valmetal-${STACK_ENV}-", StringComparison.Ordinal)).Order();
        Assert.Equal(prodStacks, deployed.Values.SelectMany(s => s).Order());
        Assert.Equal(["valmetal-${STACK_ENV}-registry"], deployed["images"]);
        Assert.Equal(["valmetal-${STACK_ENV}-backend"], deployed["backend"]);
        Assert.Equal(["valmetal-${STACK_ENV}-web"], deployed["web"]);
    }

    [Fact]
    public void Every_image_passes_the_critical_findings_gate_before_a_service_stack_deploys()
    {
        var images = Jobs("deploy.yml").Single(j => j.Name == "images").Job;
        var script = string.Join("\n", Runs(images));
        Assert.Contains("deploy/ecr-scan-gate.sh", script, StringComparison.Ordinal);
        Assert.True(script.IndexOf("docker push", StringComparison.Ordinal) < script.IndexOf("deploy/ecr-scan-gate.sh", StringComparison.Ordinal));
        Assert.All(ServiceKindExtensions.All, s => Assert.Contains(s.Slug(), script, StringComparison.Ordinal));
        foreach (var job in new[] { "backend", "web" })
        {
            Assert.Contains("images", Needs(Jobs("deploy.yml").Single(j => j.Name == job).Job));
        }

        var gate = File.ReadAllText(Path.Combine(Root, "deploy", "ecr-scan-gate.sh"));
        Assert.Contains("aws ecr wait image-scan-complete", gate, StringComparison.Ordinal);
        Assert.Contains("CRITICAL", gate, StringComparison.Ordinal);
    }

    [Fact]
    public void Staging_ends_with_the_device_round_trip_fed_by_the_backend_stack_output()
    {
        var smoke = Jobs("deploy.yml").Single(j => j.Name == "smoke").Job;
        Assert.Contains("web", Needs(smoke));
        var script = string.Join("\n", Runs(smoke));
        Assert.Contains("deploy/smoke-test.sh", script, StringComparison.Ordinal);
        Assert.Contains("deploy/smoke-test-device.sh", script, StringComparison.Ordinal);
        Assert.Contains("OutputKey=='UserPoolClientId'", script, StringComparison.Ordinal);
        app.Prod.HasOutput("UserPoolClientId", new Dictionary<string, object>());
        Assert.True(File.Exists(Path.Combine(Root, "deploy", "smoke-test-device.sh")));
    }

    [Theory]
    [InlineData("test.yml")]
    public void Jobs_that_run_the_test_suite_run_in_a_debian_12_container(string workflow)
    {
        var testJobs = Jobs(workflow).Where(j => Runs(j.Job).Any(r => r.Contains(".ci/run", StringComparison.Ordinal))).ToList();
        Assert.NotEmpty(testJobs);
        Assert.All(testJobs, j => Assert.Equal("debian:12", ((YamlScalarNode)((YamlMappingNode)j.Job["container"])["image"]).Value));
        // The callers reuse that job instead of running the suite on the runner itself.
        foreach (var caller in new[] { "pull-request.yml", "main.yml" })
        {
            Assert.Contains(Jobs(caller), j => j.Job.Children.TryGetValue("uses", out var uses) && ((YamlScalarNode)uses).Value == "./.github/workflows/test.yml");
            Assert.DoesNotContain(Jobs(caller), j => Runs(j.Job).Any(r => r.Contains(".ci/run", StringComparison.Ordinal)));
        }
    }

    private static IEnumerable<(string Name, YamlMappingNode Job)> Jobs(string workflow)
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Root, ".github", "workflows", workflow));
        yaml.Load(reader);
        var jobs = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["jobs"];
        return jobs.Children.Select(j => (((YamlScalarNode)j.Key).Value!, (YamlMappingNode)j.Value));
    }

    private static IEnumerable<string> Runs(YamlMappingNode job) =>
        job.Children.TryGetValue("steps", out var steps)
            ? ((YamlSequenceNode)steps).Children.OfType<YamlMappingNode>()
                .Where(s => s.Children.ContainsKey("run")).Select(s => ((YamlScalarNode)s["run"]).Value!)
            : [];

    private static IEnumerable<string> DeployedStacks(YamlMappingNode job) =>
        Runs(job).SelectMany(r => System.Text.RegularExpressions.Regex.Matches(r, "Valmetal\\.Cdk/deploy\\.sh \"([^\"]+)\"").Select(m => m.Groups[1].Value));

    private static IReadOnlyList<string> Needs(YamlMappingNode job) => job["needs"] switch
    {
        YamlScalarNode one => [one.Value!],
        YamlSequenceNode many => [.. many.Children.Select(n => ((YamlScalarNode)n).Value!)],
        _ => [],
    };

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Valmetal.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Valmetal.sln) is not above the test binaries.");
    }
}
