using System.Diagnostics;

namespace Valmetal.TestSupport;

/// <summary>
/// Runs a script of tests/aws-parity (compiled into each test project that needs it) with the repository's node_modules (installed by ./build.sh setup), JSON in on
/// stdin, JSON out on stdout. A missing Node or package fails the test: parity unchecked is not parity.
/// </summary>
internal static class NodeScript
{
    public static async Task<string> RunAsync(string script, string input)
    {
        var start = new ProcessStartInfo("node", Path.Combine(RepositoryRoot.Path, "tests", "aws-parity", script))
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node {script} exited {process.ExitCode}: {await errors}");
        }

        return await output;
    }
}
