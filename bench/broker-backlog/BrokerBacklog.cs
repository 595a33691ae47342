#:package MQTTnet
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Protocol;

// Reproduces, without the platform, delivery stalling once messages queue at Mosquitto for a subscriber
// (docs/benchmarks.md, "Broker backlog"). Two subscribers in one shared group acknowledge in batches the way the
// telemetry replicas do (up to 1000 messages, 20 ms gather, STORE_MS "storing", acknowledgements overlapping the
// next batch), while four publishers publish TOTAL QoS 1 messages faster than that. Prints each subscriber's rate
// every second. STORE_MS=300 builds a queue quickly; the stall shows as a subscriber dropping to ~200 messages/s.
// Cause: MQTTnet's default 8 KiB socket buffers (a zero receive window on loopback); SOCKET_BUFFER=1048576 gives the
// subscribers the buffers the platform uses, and the stall is gone.
//   mosquitto -c bench/broker-backlog/mosquitto.conf &
//   dotnet run bench/broker-backlog/BrokerBacklog.cs [TOTAL=300000] [STORE_MS=60]     (FILTER=t/# for one plain subscriber)
var total = int.Parse(args.FirstOrDefault() ?? "300000");
var storeMs = int.Parse(args.Skip(1).FirstOrDefault() ?? "60");
var factory = new MqttClientFactory();
var filter = Environment.GetEnvironmentVariable("FILTER") ?? "$share/g/t/#";
var subscribers = filter.StartsWith("$share") ? 2 : 1;
long[] received = new long[2];
var subs = new List<IMqttClient>();
for (var n = 0; n < subscribers; n++)
{
    var index = n;
    var queue = Channel.CreateBounded<MqttApplicationMessageReceivedEventArgs>(5000);
    var sub = factory.CreateMqttClient();
    sub.ApplicationMessageReceivedAsync += async e => { e.AutoAcknowledge = false; Interlocked.Increment(ref received[index]); await queue.Writer.WriteAsync(e); };
    var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", 18830).WithClientId($"rsub{n}")
        .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).WithCleanStart(true)
        .WithSessionExpiryInterval(3600).WithReceiveMaximum(2000).Build();
    if (Environment.GetEnvironmentVariable("SOCKET_BUFFER") is { } socketBuffer)
        ((MqttClientTcpOptions)options.ChannelOptions).BufferSize = int.Parse(socketBuffer);
    await sub.ConnectAsync(options);
    await sub.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)).Build());
    subs.Add(sub);
    _ = Task.Run(async () =>
    {
        var batch = new List<MqttApplicationMessageReceivedEventArgs>();
        Task acking = Task.CompletedTask;
        while (await queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < 1000 && queue.Reader.TryRead(out var e)) batch.Add(e);
            await Task.Delay(20);
            while (batch.Count < 1000 && queue.Reader.TryRead(out var e)) batch.Add(e);
            await Task.Delay(storeMs);
            await acking;
            var items = batch.ToArray();
            acking = Task.Run(async () => { foreach (var e in items) await e.AcknowledgeAsync(CancellationToken.None); });
            batch.Clear();
        }
    });
}

var publishing = Task.WhenAll(Enumerable.Range(0, 4).Select(async p =>
{
    using var pub = factory.CreateMqttClient();
    await pub.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", 18830).WithClientId($"pub{p}").WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).Build());
    var payload = new byte[100];
    var pending = new List<Task>();
    for (var i = 0; i < total / 4; i++)
    {
        pending.Add(pub.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"t/{p}").WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build()));
        if (pending.Count >= 100) { await Task.WhenAll(pending); pending.Clear(); }
    }
    await Task.WhenAll(pending);
}));
long[] last = new long[2];
for (var s = 0; s < 60 && received.Sum() < total; s++)
{
    await Task.Delay(1000);
    var now = received.Select((_, i) => Interlocked.Read(ref received[i])).ToArray();
    Console.WriteLine($"{s + 1,3} s: sub0 {now[0] - last[0],6}/s  sub1 {now[1] - last[1],6}/s  total {now.Sum()} of {total}{(publishing.IsCompleted ? "  (publishing done)" : "")}");
    last = now;
}
