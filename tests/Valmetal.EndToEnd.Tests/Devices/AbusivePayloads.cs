using System.Globalization;
using System.Text;
using Valmetal.DeviceContract;

namespace Valmetal.EndToEnd.Tests.Devices;

/// <summary>Every kind of bad message a device can send: what once stopped ingestion, and what costs most to read.</summary>
public static class AbusivePayloads
{
    private static readonly string Blob = new('x', 100_000);

    /// <summary>The <paramref name="n"/>th message of an abusive stream from <paramref name="thing"/>, cycling through every kind.</summary>
    public static (string Topic, string Payload) Next(string thing, int n) => (n % 12) switch
    {
        0 => (Topics.State(thing), $$"""{"reported":{"x":1e400},"version":{{n}}}"""),
        1 => (Topics.State(thing), $$"""{"reported":{"y":123456789012345678901234567890123456789012345},"version":{{n}}}"""),
        2 => (Topics.State(thing), $$"""{"reported":{"x":1,"x":2},"version":{{n}}}"""),
        3 => (Topics.Status(thing), """{"online":true,"online":false}"""),
        // 100 KB of reported state in one message: over the contract's 8 KB, refused before it costs DynamoDB a write.
        4 => (Topics.State(thing), $$"""{"reported":{"blob_{{n}}":"{{Blob}}"},"version":{{n}}}"""),
        5 => (Topics.Telemetry(thing), "{\"seq\":" + new string('9', 120_000)),
        6 => (Topics.Telemetry(thing), UnknownMetrics(n)),
        7 => (Topics.Telemetry(thing), $$$"""{"seq":{{{n}}},"ts":"{{{Now()}}}","metrics":{"motor_temp_c":1e400}}"""),
        8 => (Topics.Telemetry(thing), new string('[', 5_000)),
        9 => (Topics.Events(thing), """{"ts":"not a time","code":"","severity":"apocalyptic","active":"maybe"}"""),
        10 => (Topics.Telemetry(thing), $$$"""{"seq":{{{n}}},"seq":{{{n + 1}}},"ts":"{{{Now()}}}","metrics":{"motor_temp_c":20}}"""),
        _ => (Topics.State(thing), "\u0000\u00ff not json"),
    };

    /// <summary>400 samples of 30 metrics no model has: 12,000 refusals in one message under the 128 KB limit.</summary>
    private static string UnknownMetrics(int n)
    {
        var json = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $$"""{"seq":{{n}},"samples":["""));
        var sample = "{\"ts\":\"" + Now() + "\",\"metrics\":{" + string.Join(',', Enumerable.Range(0, 30).Select(i => $"\"u{i}\":{i}")) + "}}";
        json.AppendJoin(',', Enumerable.Repeat(sample, 400)).Append("]}");
        return json.ToString();
    }

    private static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
