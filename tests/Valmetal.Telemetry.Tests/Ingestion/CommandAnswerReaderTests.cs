using System.Buffers;
using System.Text;
using System.Text.Json;
using Valmetal.DeviceContract.Commands;
using Valmetal.DeviceContract.Messages;
using Valmetal.DeviceContract.Rejections;
using Valmetal.Telemetry.Ingestion;
using Valmetal.Telemetry.Pipeline;
using Valmetal.Telemetry.Validation;

namespace Valmetal.Telemetry.Tests.Ingestion;

public sealed class CommandAnswerReaderTests
{
    private static readonly Guid Command = Guid.CreateVersion7();

    [Fact]
    public void Each_status_a_device_may_answer_is_recorded_with_its_detail()
    {
        foreach (var status in CommandStatuses.AnsweredByDevices)
        {
            var (answer, refusal) = Read(JsonSerializer.Serialize(CommandAnswerPayload.Of(status, "why")));

            Assert.Null(refusal);
            Assert.Equal(new CommandAnswer("VM-1", Command, status, "why"), answer);
        }
    }

    [Theory]
    [InlineData(CommandStatus.Pending)]
    [InlineData(CommandStatus.Expired)]
    public void A_status_only_the_platform_sets_is_refused(CommandStatus status)
    {
        var (answer, refusal) = Read(JsonSerializer.Serialize(new CommandAnswerPayload(status.DeviceName())));

        Assert.Null(answer);
        Assert.Equal(RejectionReason.InvalidSchema, refusal!.Reason);
    }

    [Fact]
    public void The_api_spelling_is_not_a_devices_answer() =>
        Assert.Equal(RejectionReason.InvalidSchema, Read(JsonSerializer.Serialize(new CommandAnswerPayload(nameof(CommandStatus.Accepted)))).Refusal!.Reason);

    [Fact]
    public void A_detail_that_is_not_text_is_left_out_and_the_answer_still_counts()
    {
        var (answer, refusal) = Read($$$"""{"status":"{{{CommandStatus.Failed.DeviceName()}}}","detail":{"code":7}}""");

        Assert.Null(refusal);
        Assert.Equal(CommandStatus.Failed, answer!.Status);
        Assert.Null(answer.Detail);
    }

    [Theory]
    [InlineData("""{"status":5}""", RejectionReason.InvalidSchema)]
    [InlineData("""[]""", RejectionReason.InvalidSchema)]
    [InlineData("""{"status":""", RejectionReason.MalformedJson)]
    public void Other_shapes_are_refused(string json, RejectionReason reason) => Assert.Equal(reason, Read(json).Refusal!.Reason);

    private static (CommandAnswer? Answer, Rejection? Refusal) Read(string json) =>
        CommandAnswerReader.Read("VM-1", Command, new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)));
}
