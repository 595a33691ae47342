using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.WAFv2;
using Constructs;
using Valmetal.Cdk.Configuration;

namespace Valmetal.Cdk.Security;

/// <summary>
/// AWS WAF in front of one public load balancer: AWS's managed rule groups for common exploits, known bad inputs,
/// SQL injection and addresses with a bad reputation, then a per-address rate limit
/// (<c>valmetal:{env}:requestsPerAddressLimit</c> requests per 5 minutes). One web ACL per load balancer, in the stack
/// of its service, so the web and backend stacks deploy without touching each other.
/// </summary>
public sealed class WebFirewallConstruct : Construct
{
    public static readonly IReadOnlyList<string> ManagedRuleGroups =
    [
        "AWSManagedRulesAmazonIpReputationList",
        "AWSManagedRulesCommonRuleSet",
        "AWSManagedRulesKnownBadInputsRuleSet",
        "AWSManagedRulesSQLiRuleSet",
    ];

    public CfnWebACL WebAcl { get; }

    /// <param name="exemptFromRateLimit">
    /// Addresses (CIDR) the rate limit must not count, such as the NAT gateways the web servers call the API through:
    /// every signed-in user's API calls come from those few addresses.
    /// </param>
    public WebFirewallConstruct(Construct scope, string id, DeploymentSettings settings, ServiceKind service,
        IApplicationLoadBalancer loadBalancer, IReadOnlyList<string> exemptFromRateLimit)
        : base(scope, id)
    {
        var name = new ResourceNames(settings.EnvironmentName).Family(service);
        var rules = ManagedRuleGroups.Select((group, priority) => new CfnWebACL.RuleProperty
        {
            Name = group,
            Priority = priority,
            Statement = new CfnWebACL.StatementProperty
            {
                ManagedRuleGroupStatement = new CfnWebACL.ManagedRuleGroupStatementProperty { VendorName = "AWS", Name = group },
            },
            // Managed groups block by their own rule actions; "none" keeps them (the alternative, count, only observes).
            OverrideAction = new CfnWebACL.OverrideActionProperty { None = new Dictionary<string, object>() },
            VisibilityConfig = Visibility($"{name}-{group}"),
        }).Cast<object>().ToList();

        CfnIPSet? exempt = exemptFromRateLimit.Count == 0 ? null : new CfnIPSet(this, "RateLimitExempt", new CfnIPSetProps
        {
            Name = $"{name}-rate-limit-exempt",
            Scope = "REGIONAL",
            IpAddressVersion = "IPV4",
            Addresses = [.. exemptFromRateLimit],
        });
        rules.Add(new CfnWebACL.RuleProperty
        {
            Name = "requests-per-address",
            Priority = ManagedRuleGroups.Count,
            Action = new CfnWebACL.RuleActionProperty { Block = new CfnWebACL.BlockActionProperty() },
            Statement = new CfnWebACL.StatementProperty
            {
                RateBasedStatement = new CfnWebACL.RateBasedStatementProperty
                {
                    Limit = settings.RequestsPerAddressLimit,
                    AggregateKeyType = "IP",
                    ScopeDownStatement = exempt is null ? null : new CfnWebACL.StatementProperty
                    {
                        NotStatement = new CfnWebACL.NotStatementProperty
                        {
                            Statement = new CfnWebACL.StatementProperty
                            {
                                IpSetReferenceStatement = new CfnWebACL.IPSetReferenceStatementProperty { Arn = exempt.AttrArn },
                            },
                        },
                    },
                },
            },
            VisibilityConfig = Visibility($"{name}-requests-per-address"),
        });

        WebAcl = new CfnWebACL(this, "WebAcl", new CfnWebACLProps
        {
            Name = name,
            Scope = "REGIONAL",
            DefaultAction = new CfnWebACL.DefaultActionProperty { Allow = new CfnWebACL.AllowActionProperty() },
            Rules = rules.ToArray(),
            VisibilityConfig = Visibility(name),
        });
        _ = new CfnWebACLAssociation(this, "Association", new CfnWebACLAssociationProps
        {
            ResourceArn = loadBalancer.LoadBalancerArn,
            WebAclArn = WebAcl.AttrArn,
        });
    }

    /// <summary>Every rule reports its matches to CloudWatch (AWS/WAFV2) and keeps samples for the console.</summary>
    private static CfnWebACL.VisibilityConfigProperty Visibility(string metricName) => new()
    {
        CloudWatchMetricsEnabled = true,
        MetricName = metricName,
        SampledRequestsEnabled = true,
    };
}
