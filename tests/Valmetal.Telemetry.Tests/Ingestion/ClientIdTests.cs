using Valmetal.DeviceContract;
using Valmetal.DeviceContract.Access;
using Valmetal.Telemetry.Ingestion;

namespace Valmetal.Telemetry.Tests.Ingestion;

/// <summary>Client ids of service tasks and the device filters, as the access rules allow them.</summary>
public sealed class ClientIdTests
{
    [Fact]
    public void A_task_client_id_is_its_services_identity_a_dash_and_its_instance() =>
        Assert.Equal("valmetal-telemetry-3", ServiceClientIds.For(BrokerAccessRules.TelemetryIdentity, "3"));

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("+")]
    [InlineData("#")]
    public void An_instance_that_is_empty_or_carries_topic_characters_is_refused(string instance) =>
        Assert.Throws<ArgumentException>(() => ServiceClientIds.For(BrokerAccessRules.ApiIdentity, instance));

    [Fact]
    public void A_client_id_longer_than_iot_cores_limit_is_refused() =>
        Assert.Throws<ArgumentException>(() => ServiceClientIds.For(BrokerAccessRules.ApiIdentity, new string('a', ServiceClientIds.MaxLength)));

    [Fact]
    public void Each_connection_of_a_process_has_one_client_id_of_its_own()
    {
        var live = ServiceClientIds.ForThisProcess(BrokerAccessRules.ApiIdentity, "live");
        var publish = ServiceClientIds.ForThisProcess(BrokerAccessRules.ApiIdentity, "publish");

        Assert.Equal(live, ServiceClientIds.ForThisProcess(BrokerAccessRules.ApiIdentity, "live"));
        Assert.NotEqual(live, publish);
        Assert.Matches("^valmetal-api-live-[0-9a-f]{12}$", live);
        // One process instance for both: its connections are told apart by name only.
        Assert.Equal(live["valmetal-api-live-".Length..], publish["valmetal-api-publish-".Length..]);
    }

    [Fact]
    public void A_devices_own_filter_needs_the_device_to_be_named()
    {
        var config = BrokerAccessRules.Device.Rules.Single(r => r.Filter == Topics.Config(BrokerAccessRules.OwnThing));
        Assert.Throws<ArgumentNullException>(() => config.SubscribedFilter());
        Assert.Equal(Topics.Config("VM-FM-24001"), config.SubscribedFilter("VM-FM-24001"));
    }
}
