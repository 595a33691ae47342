using System.Text.Json.Nodes;

namespace Valmetal.Cdk.Tests;

/// <summary>AWS WAF in front of both public load balancers: managed rule groups and a per-address rate limit.</summary>
[Collection(SynthesizedAppCollection.Name)]
public sealed class FirewallTests(SynthesizedApp app)
{
    [Fact]
    public void Both_load_balancers_are_behind_a_regional_web_acl()
    {
        var balancers = app.ProdJson.Resources("AWS::ElasticLoadBalancingV2::LoadBalancer").Select(l => l.Id).Order().ToList();
        var protectedBalancers = app.ProdJson.Resources("AWS::WAFv2::WebACLAssociation")
            .Select(a => TemplateJson.Target(a.Properties["ResourceArn"])!).Order().ToList();
        Assert.Equal(2, balancers.Count);
        Assert.Equal(balancers, protectedBalancers);
        Assert.All(app.ProdJson.Resources("AWS::WAFv2::WebACL"), acl =>
        {
            Assert.Equal("REGIONAL", (string?)acl.Properties["Scope"]);
            Assert.NotNull(acl.Properties["DefaultAction"]!["Allow"]);
        });
    }

    [Theory]
    [InlineData("valmetal-prod-backend-api")]
    [InlineData("valmetal-prod-web-client")]
    public void Each_web_acl_applies_the_managed_rule_groups_then_the_rate_limit_from_context(string name)
    {
        var rules = Acl(name)["Rules"]!.AsArray().Select(r => r!.AsObject()).OrderBy(r => (int)r["Priority"]!).ToList();
        var groups = rules.Select(r => (string?)r["Statement"]!["ManagedRuleGroupStatement"]?["Name"]).OfType<string>();
        Assert.Equal(["AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesSQLiRuleSet"], groups);
        Assert.All(rules.Where(r => r["Statement"]!["ManagedRuleGroupStatement"] is not null),
            r => Assert.Equal("AWS", (string?)r["Statement"]!["ManagedRuleGroupStatement"]!["VendorName"]));

        var rate = rules[^1];
        Assert.NotNull(rate["Action"]!["Block"]);
        Assert.Equal(app.RequestsPerAddressLimit, (int)rate["Statement"]!["RateBasedStatement"]!["Limit"]!);
        Assert.Equal("IP", (string?)rate["Statement"]!["RateBasedStatement"]!["AggregateKeyType"]);
        Assert.All(rules, r => Assert.True((bool)r["VisibilityConfig"]!["CloudWatchMetricsEnabled"]!));
    }

    [Fact]
    public void The_api_rate_limit_does_not_count_the_web_servers_own_calls_through_the_nat_gateways()
    {
        var scopeDown = Acl("valmetal-prod-backend-api")["Rules"]!.AsArray()
            .Single(r => r!["Statement"]!["RateBasedStatement"] is not null)!["Statement"]!["RateBasedStatement"]!["ScopeDownStatement"]!;
        var ipSet = TemplateJson.Target(scopeDown["NotStatement"]!["Statement"]!["IPSetReferenceStatement"]!["Arn"])!;
        var addresses = app.ProdJson.Resource(ipSet)["Properties"]!["Addresses"]!.AsArray();
        var natAddresses = app.ProdJson.Resources("AWS::EC2::EIP").Select(e => e.Id).Order().ToList();
        Assert.Equal(2, natAddresses.Count);
        Assert.Equal(natAddresses, addresses.Select(a => a!.ToJsonString()).Select(a => natAddresses.Single(n => a.Contains(n, StringComparison.Ordinal))).Order());

        var web = Acl("valmetal-prod-web-client")["Rules"]!.AsArray().Single(r => r!["Statement"]!["RateBasedStatement"] is not null)!;
        Assert.Null(web["Statement"]!["RateBasedStatement"]!["ScopeDownStatement"]);
    }

    [Fact]
    public void Without_context_the_rate_limit_is_the_documented_default()
    {
        var dev = app.Templates["valmetal-dev-backend"].Resources("AWS::WAFv2::WebACL").Single().Properties;
        var rate = dev["Rules"]!.AsArray().Single(r => r!["Statement"]!["RateBasedStatement"] is not null)!;
        Assert.Equal(Configuration.DeploymentSettings.DefaultRequestsPerAddressLimit, (int)rate["Statement"]!["RateBasedStatement"]!["Limit"]!);
    }

    private JsonObject Acl(string name) =>
        app.ProdJson.Resources("AWS::WAFv2::WebACL").Single(a => (string?)a.Properties["Name"] == name).Properties;
}
