using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
namespace Valmetal.TestSupport;

/// <summary>
/// s3rver, the S3 emulator the AppHost runs, started from the repository's node_modules for one test class (or
/// collection), with one bucket on a free port and its data in a temp folder (./build.sh setup installs it).
/// </summary>
public sealed class LocalS3 : IAsyncLifetime
{
    public const string Bucket = "valmetal-tests";

    private readonly string _data = Path.Combine(Path.GetTempPath(), "valmetal-s3rver-" + Guid.NewGuid().ToString("N")[..8]);
    private Process? _process;

    public Uri ServiceUrl { get; private set; } = new("http://127.0.0.1:1");

    /// <summary>s3rver's fixed keys, the only ones it knows; the AppHost gives them to every local service.</summary>
    public static AWSCredentials Credentials { get; } = new BasicAWSCredentials("S3RVER", "S3RVER");

    public async Task InitializeAsync()
    {
        var module = Path.Combine(RepositoryRoot.Path, "node_modules", "s3rver", "bin", "s3rver.js");
        Assert.True(File.Exists(module), $"{module} is missing: run ./build.sh setup (npm ci).");
        Directory.CreateDirectory(_data);
        var port = FreePort();
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { module, "-d", _data, "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--no-vhost-buckets", "--silent", "--configure-bucket", Bucket },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Node 20's OpenSSL 3 breaks s3rver's ListObjectsV2 without the legacy provider (docs/local-stack.md).
        start.Environment["NODE_OPTIONS"] = "--openssl-legacy-provider";
        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        ServiceUrl = new Uri($"http://127.0.0.1:{port}");
        await WaitForPortAsync(port, TimeSpan.FromSeconds(30));
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process?.Dispose();
        Directory.Delete(_data, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>s3rver listens once it has created the bucket; a refused connection means not yet.</summary>
    private async Task WaitForPortAsync(int port, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"s3rver exited with code {_process.ExitCode} before listening.");
            }

            using var probe = new TcpClient();
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, port, deadline.Token);
                return;
            }
            catch (SocketException)
            {
                // Not listening yet: try again until the deadline cancels the connect.
                await Task.Delay(100, deadline.Token);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
