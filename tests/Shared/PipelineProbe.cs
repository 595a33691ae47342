using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.Registry;
using Polly.Retry;
using Polly.Telemetry;

namespace Valmetal.TestSupport;

/// <summary>
/// A named pipeline as its service registers it, on a fake clock, with the delay Polly chose before each retry: its
/// tests wait for no real time and can see how long the service would have waited.
/// </summary>
internal sealed class PipelineProbe : TelemetryListener, IDisposable
{
    private readonly ConcurrentQueue<TimeSpan> _delays = new();

    /// <param name="register">The service's own registration of its pipelines, and what they resolve.</param>
    public PipelineProbe(Action<IServiceCollection> register)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        register(services);
        services.Configure<TelemetryOptions>(options => options.TelemetryListeners.Add(this));
        Services = services.BuildServiceProvider();
    }

    public FakeTimeProvider Time { get; } = new();

    public ServiceProvider Services { get; }

    /// <summary>The delays before each retry so far, in order.</summary>
    public IReadOnlyList<TimeSpan> Delays => [.. _delays];

    public ResiliencePipelineProvider<string> Pipelines => Services.GetRequiredService<ResiliencePipelineProvider<string>>();

    public ResiliencePipeline Pipeline(string name) => Pipelines.GetPipeline(name);

    public override void Write<TResult, TArgs>(in TelemetryEventArguments<TResult, TArgs> args)
    {
        if (args.Arguments is OnRetryArguments<TResult> retry)
        {
            _delays.Enqueue(retry.RetryDelay);
        }
    }

    public void Dispose() => Services.Dispose();

    /// <summary>A loopback port nothing listens on: a connect to it is refused at once, a real failure with no wait.</summary>
    public static int RefusingPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>
    /// Moves the clock on until <paramref name="run"/> ends, so that each retry's delay passes at once. Polly resumes
    /// after a delay on the thread pool, so the clock may run ahead of the pipeline: the delays Polly chose are read from
    /// its events, never from the clock.
    /// </summary>
    public async Task<T> CompleteAsync<T>(ValueTask<T> run)
    {
        var task = run.AsTask();
        var patience = Stopwatch.StartNew();
        while (!task.IsCompleted && patience.Elapsed < TimeSpan.FromSeconds(30))
        {
            Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }

        return await task.WaitAsync(TimeSpan.FromSeconds(1));
    }

    /// <inheritdoc cref="CompleteAsync{T}(ValueTask{T})"/>
    public Task CompleteAsync(ValueTask run) => CompleteAsync(AsResult(run));

    private static async ValueTask<bool> AsResult(ValueTask run)
    {
        await run;
        return true;
    }
}
