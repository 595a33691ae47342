using System.Diagnostics;
using System.Globalization;
using Valmetal.AppHost.LocalStack;

namespace Valmetal.EndToEnd.Tests.Startup;

/// <summary>What a run of the AppHost process printed and how it ended.</summary>
public sealed record AppHostExit(int ExitCode, TimeSpan Elapsed, IReadOnlyList<string> Output)
{
    public string LastLine => Output.LastOrDefault(l => l.Trim().Length > 0) ?? string.Empty;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"exit code {ExitCode} after {Elapsed.TotalSeconds:0.0} s; output:{Environment.NewLine}{string.Join(Environment.NewLine, Output.TakeLast(40))}");
}

/// <summary>
/// Runs the built AppHost as <c>./build.sh run</c> does: its own process from its folder, with the dashboard, so the
/// exit code and the last console line are the ones a developer sees.
/// </summary>
public static class AppHostProcess
{
    public static async Task<AppHostExit> RunUntilExitAsync(IEnumerable<string> arguments, TimeSpan limit)
    {
        var repository = RepositoryLocator.Above(AppContext.BaseDirectory) ?? throw new InvalidOperationException("Valmetal.sln not found above the tests.");
        var folder = Path.Combine(repository, "Valmetal.AppHost");
        // The test and the AppHost are built with the same configuration (bin/{configuration}/net10.0).
        var configuration = Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)))!;
        var start = new ProcessStartInfo(Path.Combine(folder, "bin", configuration, "net10.0", "Valmetal.AppHost"))
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        start.Environment["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true";
        start.Environment["ASPNETCORE_URLS"] = Url(Valmetal.AppHost.LocalStack.LocalPorts.Free());
        start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = Url(Valmetal.AppHost.LocalStack.LocalPorts.Free());
        start.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = Url(Valmetal.AppHost.LocalStack.LocalPorts.Free());

        var output = new List<string>();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Add(output, e.Data);
        process.ErrorDataReceived += (_, e) => Add(output, e.Data);
        var clock = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"The AppHost was still running after {limit.TotalSeconds:0} s:{Environment.NewLine}{string.Join(Environment.NewLine, Snapshot(output).TakeLast(40))}");
        }

        // The exit event can precede the last redirected lines.
        process.WaitForExit();
        return new AppHostExit(process.ExitCode, clock.Elapsed, Snapshot(output));
    }

    private static string Url(int port) => string.Create(CultureInfo.InvariantCulture, $"http://localhost:{port}");

    private static void Add(List<string> output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.Add(line);
            }
        }
    }

    private static List<string> Snapshot(List<string> output)
    {
        lock (output)
        {
            return [.. output];
        }
    }
}
