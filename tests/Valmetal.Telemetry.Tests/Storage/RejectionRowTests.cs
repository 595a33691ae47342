using Valmetal.DeviceContract;
using System.Text.Json;
using Valmetal.DeviceContract.Rejections;
using Valmetal.Telemetry.Pipeline;
using Valmetal.Telemetry.Storage;
using Valmetal.Telemetry.Validation;
using static Valmetal.Telemetry.Tests.Validation.ValidatorFixture;

namespace Valmetal.Telemetry.Tests.Storage;

public sealed class RejectionRowTests
{
    [Fact]
    public void A_message_with_thousands_of_bad_values_is_a_few_detailed_refusals_and_a_count()
    {
        var list = new RejectionList();
        for (var i = 0; i < 32_000; i++)
        {
            list.Add(new Rejection(i % 2 == 0 ? RejectionReason.UnknownMetric : RejectionReason.OutOfRange, $"value {i}"));
        }

        var refusals = list.ToList();

        Assert.Equal(RejectionList.MaxDetailed + 2, refusals.Count);
        Assert.Equal(32_000, refusals.Sum(r => r.Count));
    }

    [Fact]
    public void Refusals_become_one_row_per_device_reason_and_minute_that_counts_each_message_once()
    {
        var origin = new MessageOrigin(Now, Topics.Telemetry(Mixer), Mixer, 1000);
        var nextMinute = origin with { ReceivedAt = Now.AddMinutes(1) };
        RejectedMessage[] refusals =
        [
            RejectedMessage.Of(origin, "unknown_metric", "a", "{...}", count: 1, countsMessage: true),
            RejectedMessage.Of(origin, "unknown_metric", "b", "{...}", count: 500, countsMessage: false),
            .. Enumerable.Range(0, 5).Select(i => RejectedMessage.Of(origin with { ReceivedAt = Now.AddSeconds(i) }, "unknown_metric", $"m{i}", "{...}")),
            RejectedMessage.Of(nextMinute, "unknown_metric", "later", "{...}"),
            RejectedMessage.Of(origin with { Thing = null, Topic = "elsewhere" }, "invalid_schema", "topic", "x"),
        ];

        var rows = RejectionRow.Of(refusals);

        Assert.Equal(3, rows.Count);
        var first = rows.Single(r => r.Thing == Mixer && r.Minute == Now.UtcDateTime);
        Assert.Equal(506, first.Count);
        Assert.Equal(6, first.Messages);
        Assert.Equal(6000, first.PayloadBytes);
        Assert.Equal(RejectionSample.MaxPerMinute, JsonSerializer.Deserialize<List<RejectionSample>>(first.Samples)!.Count);
        Assert.Equal("m4", first.Detail);
        Assert.Contains(rows, r => r.Thing.Length == 0 && r.Reason == "invalid_schema");
    }
}
