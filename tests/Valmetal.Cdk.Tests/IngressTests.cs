using Amazon.CDK.Assertions;

namespace Valmetal.Cdk.Tests;

/// <summary>One ALB per public service, each in its own stack: TLS with the context's certificate, HTTP redirected, /health checked.</summary>
[Collection(SynthesizedAppCollection.Name)]
public sealed class IngressTests(SynthesizedApp app)
{
    [Fact]
    public void The_api_and_the_web_client_each_have_an_internet_facing_load_balancer_and_telemetry_none()
    {
        var names = app.ProdJson.Resources("AWS::ElasticLoadBalancingV2::LoadBalancer")
            .Where(l => (string?)l.Properties["Scheme"] == "internet-facing")
            .Select(l => (string?)l.Properties["Name"]).Order();
        Assert.Equal([TemplateJson.Family("backend-api"), TemplateJson.Family("web-client")], names);
        Assert.Null(app.ProdJson.Service(TemplateJson.Family("telemetry"))["LoadBalancers"]);
    }

    [Fact]
    public void Https_listeners_use_the_certificate_from_context_and_a_modern_tls_policy()
    {
        Assert.All(app.ProdApplicationStacks, stack => stack.ResourcePropertiesCountIs("AWS::ElasticLoadBalancingV2::Listener", new Dictionary<string, object>
        {
            ["Port"] = 443,
            ["Protocol"] = "HTTPS",
            ["Certificates"] = new[] { new Dictionary<string, object> { ["CertificateArn"] = app.CertificateArn } },
            ["SslPolicy"] = Match.StringLikeRegexp("^ELBSecurityPolicy-TLS13-"),
        }, 1));
    }

    [Fact]
    public void Plain_http_is_redirected_to_https()
    {
        Assert.All(app.ProdApplicationStacks, stack => stack.ResourcePropertiesCountIs("AWS::ElasticLoadBalancingV2::Listener", new Dictionary<string, object>
        {
            ["Port"] = 80,
            ["Protocol"] = "HTTP",
            ["DefaultActions"] = new[]
            {
                Match.ObjectLike(new Dictionary<string, object>
                {
                    ["Type"] = "redirect",
                    ["RedirectConfig"] = new Dictionary<string, object> { ["Port"] = "443", ["Protocol"] = "HTTPS", ["StatusCode"] = "HTTP_301" },
                }),
            },
        }, 1));
        Assert.All(app.ProdApplicationStacks, stack => stack.ResourceCountIs("AWS::ElasticLoadBalancingV2::Listener", 2));
    }

    [Fact]
    public void Target_groups_check_health_on_the_health_endpoint_and_drain_in_30_seconds()
    {
        Assert.All(app.ProdApplicationStacks, stack => stack.ResourcePropertiesCountIs("AWS::ElasticLoadBalancingV2::TargetGroup", new Dictionary<string, object>
        {
            ["HealthCheckPath"] = "/health",
            ["TargetType"] = "ip",
            ["TargetGroupAttributes"] = Match.ArrayWith([
                new Dictionary<string, object> { ["Key"] = "deregistration_delay.timeout_seconds", ["Value"] = "30" },
            ]),
        }, 1));
    }

    [Fact]
    public void Load_balancers_drop_invalid_headers_and_write_access_logs()
    {
        Assert.All(app.ProdApplicationStacks, stack => stack.ResourcePropertiesCountIs("AWS::ElasticLoadBalancingV2::LoadBalancer", new Dictionary<string, object>
        {
            ["LoadBalancerAttributes"] = Match.ArrayWith([
                new Dictionary<string, object> { ["Key"] = "routing.http.drop_invalid_header_fields.enabled", ["Value"] = "true" },
                new Dictionary<string, object> { ["Key"] = "access_logs.s3.enabled", ["Value"] = "true" },
            ]),
        }, 1));
    }
}
