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
    public void Each_process_has_one_instance_of_its_own()
    {
        var first = ServiceClientIds.ForThisProcess(BrokerAccessRules.ApiIdentity);
        Assert.Equal(first, ServiceClientIds.ForThisProcess(BrokerAccessRules.ApiIdentity));
        Assert.Matches("^valmetal-api-[0-9a-f]{12}$", first);
    }

    [Fact]
    public void A_devices_own_filter_needs_the_device_to_be_named()
    {
        var config = BrokerAccessRules.Device.Rules.Single(r => r.Filter == Topics.Config(BrokerAccessRules.OwnThing));
        Assert.Throws<ArgumentNullException>(() => config.SubscribedFilter());
        Assert.Equal(Topics.Config("VM-FM-24001"), config.SubscribedFilter("VM-FM-24001"));
    }
}
