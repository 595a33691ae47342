using MQTTnet;
using MQTTnet.Packets;

namespace Valmetal.BrokerClient.Tests;

/// <summary>A device keeps a message until the platform has taken it; only a final refusal lets it go untaken.</summary>
public sealed class PublishAnswerTests
{
    [Theory]
    [InlineData(MqttClientPublishReasonCode.Success, PublishAnswer.Taken)]
    [InlineData(MqttClientPublishReasonCode.NoMatchingSubscribers, PublishAnswer.NotYetTaken)]
    [InlineData(MqttClientPublishReasonCode.QuotaExceeded, PublishAnswer.NotYetTaken)]
    [InlineData(MqttClientPublishReasonCode.NotAuthorized, PublishAnswer.Refused)]
    [InlineData(MqttClientPublishReasonCode.PayloadFormatInvalid, PublishAnswer.Refused)]
    [InlineData(MqttClientPublishReasonCode.TopicNameInvalid, PublishAnswer.Refused)]
    public void Each_puback_code_has_one_meaning_for_the_device(MqttClientPublishReasonCode code, PublishAnswer expected)
    {
        var result = new MqttClientPublishResult(1, code, string.Empty, Array.Empty<MqttUserProperty>());

        Assert.Equal(expected, PublishAnswers.Classify(result));
    }

    [Fact]
    public void Mqttnet_counts_no_matching_subscribers_as_success_so_the_device_must_not_rely_on_IsSuccess()
    {
        var result = new MqttClientPublishResult(1, MqttClientPublishReasonCode.NoMatchingSubscribers, string.Empty, Array.Empty<MqttUserProperty>());

        Assert.True(result.IsSuccess);
        Assert.NotEqual(PublishAnswer.Taken, PublishAnswers.Classify(result));
    }
}
