using Valmetal.DeviceContract;
using Valmetal.Telemetry.Ingestion;
using static Valmetal.Telemetry.Tests.Validation.ValidatorFixture;

namespace Valmetal.Telemetry.Tests.Ingestion;

/// <summary>A received topic is parsed once, into what both the new-thing lookup and the router need.</summary>
public sealed class IncomingTopicTests
{
    [Fact]
    public void A_device_data_topic_names_its_thing_and_kind()
    {
        var topic = IncomingTopic.Parse(Topics.Status(Mixer));

        Assert.True(topic.IsDeviceData);
        Assert.False(topic.IsCommandAnswer);
        Assert.Equal((Mixer, DeviceTopicKind.Status), (topic.Thing, topic.Kind));
        Assert.Equal(Topics.Status(Mixer), topic.Name);
    }

    [Fact]
    public void A_command_answer_names_its_thing_and_command()
    {
        var command = Guid.NewGuid();

        var topic = IncomingTopic.Parse(Topics.CommandResponse(Mixer, command));

        Assert.True(topic.IsCommandAnswer);
        Assert.False(topic.IsDeviceData);
        Assert.Equal((Mixer, command), (topic.Thing, topic.AnsweredCommand));
    }

    public static TheoryData<string> OtherTopics() =>
    [
        Topics.Device(Mixer, DeviceTopicKind.Unknown),
        Topics.Telemetry("not a thing"),
        Topics.CommandRequest(Mixer, Guid.NewGuid()),
        Topics.Config(Mixer),
        Topics.Live(Guid.NewGuid()),
        "something/else",
    ];

    [Theory]
    [MemberData(nameof(OtherTopics))]
    public void Any_other_topic_names_nothing(string name)
    {
        var topic = IncomingTopic.Parse(name);

        Assert.False(topic.IsDeviceData);
        Assert.False(topic.IsCommandAnswer);
        Assert.Null(topic.Thing);
        Assert.Equal(name, topic.Name);
    }
}
