using System.Diagnostics;
using MQTTnet;
using MQTTnet.Protocol;
using Npgsql;
using NpgsqlTypes;
using Valmetal.BrokerClient;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.DevicePki;

namespace Valmetal.Bench;

/// <summary>What the parts can do alone: the broker to a subscriber that does nothing, and binary COPY into PostgreSQL.</summary>
public static class RawBaselines
{
    /// <summary>
    /// A second mosquitto with the same TLS setup, the same certificates and the same payloads, delivering to a bare
    /// subscriber that only counts (auto-acknowledged QoS 1): messages delivered per second, from the first publish to
    /// the last delivery.
    /// </summary>
    public static async Task<double> BrokerToBareSubscriberAsync(BenchPlatform platform, BenchOptions options)
    {
        var port = Valmetal.AppHost.LocalStack.LocalPorts.Free();
        var folder = Path.Combine(platform.StateDirectory, "bench-broker");
        Directory.CreateDirectory(folder);
        using var ca = LocalCertificateAuthority.OpenOrCreate(Path.Combine(platform.StateDirectory, "pki"));
        var server = ca.EnsureServerCertificate("broker");
        ca.EnsureClientCertificate("services", "valmetal-bench");
        await File.WriteAllTextAsync(Path.Combine(folder, "acl.conf"), $"pattern write {Topics.Telemetry("%u")}\nuser valmetal-bench\ntopic read {Topics.Telemetry(Topics.AnyLevel)}\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "mosquitto.conf"), $"""
            user {Environment.UserName}
            allow_anonymous false
            persistence false
            max_inflight_messages 1000
            max_queued_messages 200000
            message_size_limit 131072
            acl_file {Path.Combine(folder, "acl.conf")}
            listener {port} 127.0.0.1
            cafile {ca.CaCertificatePath}
            certfile {server.CertificatePath}
            keyfile {server.PrivateKeyPath}
            require_certificate true
            use_identity_as_username true
            use_username_as_clientid true
            tls_version tlsv1.2
            """);
        using var broker = Process.Start(new ProcessStartInfo("mosquitto", ["-c", Path.Combine(folder, "mosquitto.conf")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        try
        {
            await Task.Delay(500);
            long received = 0;
            using var subscriber = new MqttClientFactory().CreateMqttClient();
            subscriber.ApplicationMessageReceivedAsync += _ =>
            {
                Interlocked.Increment(ref received);
                return Task.CompletedTask;
            };
            await subscriber.ConnectAsync(BrokerClientOptions.CreateBuilder(platform.Identity("services", "valmetal-bench", port)).WithReceiveMaximum(2000).Build());
            await subscriber.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(f => f.WithTopic(Topics.Telemetry(Topics.AnyLevel)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)).Build());

            var publishers = await ConnectPublishersAsync(platform, options, port);
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(publishers.Select(p => p.RunAsync(Topics.Telemetry(p.Thing), DateTime.UtcNow, 0, Window(options), null, CancellationToken.None)));
            var published = publishers.Sum(p => p.Acknowledged);

            // The subscriber is usually behind when publishing stops: count until it has everything or goes quiet.
            var (last, lastChange) = (Interlocked.Read(ref received), clock.Elapsed);
            while (last < published && clock.Elapsed - lastChange < TimeSpan.FromSeconds(2))
            {
                await Task.Delay(100);
                var now = Interlocked.Read(ref received);
                if (now != last)
                {
                    (last, lastChange) = (now, clock.Elapsed);
                }
            }

            foreach (var publisher in publishers)
            {
                await publisher.DisposeAsync();
            }

            return last / lastChange.TotalSeconds;
        }
        finally
        {
            broker.Kill(entireProcessTree: true);
            await broker.WaitForExitAsync();
        }
    }

    public static async Task<double> PostgresBinaryCopyAsync(BenchPlatform platform, BenchOptions options)
    {
        await using var connection = new NpgsqlConnection(await platform.DatabaseAsync());
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand("create temp table bench_copy (thing text, metric text, ts timestamptz, value double precision)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        var clock = Stopwatch.StartNew();
        long rows = 0;
        var start = DateTime.UtcNow;
        while (clock.Elapsed < Window(options))
        {
            await using var importer = await connection.BeginBinaryImportAsync("copy bench_copy (thing, metric, ts, value) from stdin (format binary)");
            for (var i = 0; i < 10_000; i++, rows++)
            {
                await importer.StartRowAsync();
                await importer.WriteAsync("VM-FM-24001", NpgsqlDbType.Text);
                await importer.WriteAsync("motor_temp_c", NpgsqlDbType.Text);
                await importer.WriteAsync(start.AddTicks(rows * 10), NpgsqlDbType.TimestampTz);
                await importer.WriteAsync(42.0, NpgsqlDbType.Double);
            }

            await importer.CompleteAsync();
        }

        return rows / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Baselines are capacities, not endurance: half a minute at most, whatever the pipeline's window.</summary>
    private static TimeSpan Window(BenchOptions options) => options.Window < TimeSpan.FromSeconds(30) ? options.Window : TimeSpan.FromSeconds(30);

    public static async Task<List<LoadPublisher>> ConnectPublishersAsync(BenchPlatform platform, BenchOptions options, int? port = null)
    {
        var publishers = new List<LoadPublisher>();
        foreach (var device in Valmetal.DeviceContract.DemoFleet.Fleet.Equipment)
        {
            var publisher = new LoadPublisher(device.Thing, platform.Identity("devices", device.Thing, port), BenchPlatform.MetricsOf(device), options.InflightPerDevice);
            await publisher.ConnectAsync(device.Thing);
            publishers.Add(publisher);
        }

        return publishers;
    }
}
