using System.Diagnostics;

namespace Valmetal.TestSupport;

/// <summary>
/// Chromium on Linux trusts the roots in its NSS database under <c>$HOME/.pki/nssdb</c>, not OpenSSL's bundle. The
/// suite's browser runs with a home of its own whose database trusts the local CA (NSS's certutil, Debian package
/// libnss3-tools), so pages load through the gateway's TLS with every check on; nothing sets IgnoreHTTPSErrors.
/// </summary>
public static class BrowserTrust
{
    private static string? s_home;

    /// <summary>The home the browser runs with; set once the platform has made its CA.</summary>
    public static string Home => s_home ?? throw new InvalidOperationException("No platform has made its CA yet: the browser would trust nothing local.");

    public static async Task TrustAsync(string caCertificatePath, string home)
    {
        var database = "sql:" + Path.Combine(home, ".pki", "nssdb");
        Directory.CreateDirectory(Path.Combine(home, ".pki", "nssdb"));
        await CertutilAsync("-N", "-d", database, "--empty-password");
        await CertutilAsync("-A", "-d", database, "-n", "Valmetal Connect Local CA", "-t", "C,,", "-i", caCertificatePath);
        s_home = home;
    }

    /// <summary>The browser's environment: this process's, with <see cref="Home"/> as HOME.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Environment()
    {
        var variables = System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? string.Empty, StringComparer.Ordinal);
        variables["HOME"] = Home;
        return variables;
    }

    private static async Task CertutilAsync(params string[] arguments)
    {
        using var certutil = Process.Start(new ProcessStartInfo("certutil", arguments) { RedirectStandardError = true, RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("certutil did not start: install libnss3-tools (Debian package).");
        var error = await certutil.StandardError.ReadToEndAsync();
        await certutil.WaitForExitAsync();
        if (certutil.ExitCode != 0)
        {
            throw new InvalidOperationException($"certutil {string.Join(' ', arguments)} failed ({certutil.ExitCode}): {error}");
        }
    }
}
