using Valmetal.AppHost.Broker;
using Valmetal.DeviceContract.Access;

namespace Valmetal.EndToEnd.Tests.Startup;

/// <summary>
/// The local broker's ACL comes from the rules the IoT policies come from (BrokerAccessRules); what the rules mean
/// on a running broker is what BrokerAuthorizationTests and the rest of the suite show.
/// </summary>
public sealed class MosquittoAclTests
{
    private static readonly string[] Acl = MosquittoAcl.Render(BrokerAccessRules.All).Split('\n');

    [Fact]
    public void Devices_get_patterns_on_their_own_topics_only()
    {
        var patterns = Acl.Where(line => line.StartsWith("pattern ", StringComparison.Ordinal)).ToList();
        Assert.Equal(BrokerAccessRules.Device.Rules.Count, patterns.Count);
        Assert.All(patterns, line => Assert.Contains("/%u/", line, StringComparison.Ordinal));
        Assert.Contains("pattern write dt/valmetal/%u/status", patterns);
        Assert.Contains("pattern read cmd/valmetal/%u/req/+", patterns);
    }

    [Fact]
    public void Each_service_identity_gets_its_own_topics_under_one_user_line()
    {
        Assert.Equal(
            ["topic read dt/valmetal/+/telemetry", "topic read dt/valmetal/+/events", "topic read dt/valmetal/+/state",
             "topic read dt/valmetal/+/status", "topic read cmd/valmetal/+/res/+", "topic write app/valmetal/live/+"],
            Section("user valmetal-telemetry"));
        Assert.Equal(
            ["topic write cmd/valmetal/+/config", "topic write cmd/valmetal/+/req/+", "topic readwrite app/valmetal/live/+"],
            Section("user valmetal-api"));
    }

    private static List<string> Section(string user) =>
        [.. Acl.SkipWhile(line => line != user).Skip(1).TakeWhile(line => line.StartsWith("topic ", StringComparison.Ordinal))];
}
