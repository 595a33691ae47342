using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Valmetal.LocalPostgres;

namespace Valmetal.TestSupport.Postgres;

/// <summary>
/// A throwaway PostgreSQL server from the Debian binaries: a fresh cluster in a folder of its own, on a free port,
/// with durability off (nothing in it needs to survive a crash). As root it runs as the postgres user with its cluster
/// where that user can reach it, exactly as the AppHost does (Valmetal.LocalPostgres). Disposing it stops the server
/// and deletes the cluster.
/// </summary>
public sealed class TemporaryPostgres : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    private readonly string _state;
    private readonly Process _server;
    private readonly StringWriter _log;

    private TemporaryPostgres(string state, Process server, StringWriter log, int port) =>
        (_state, _server, _log, Port) = (state, server, log, port);

    public int Port { get; }

    public string DataDirectory => PostgresDataDirectory.For(_state);

    /// <summary>Trust authentication on 127.0.0.1 only, like the local stack's server.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database}";

    public static async Task<TemporaryPostgres> StartAsync(CancellationToken ct = default)
    {
        var bin = PostgresBinaries.FindBinDirectory();
        if (!File.Exists(Path.Combine(bin, "postgres")))
        {
            throw new InvalidOperationException($"PostgreSQL is not installed in {bin}: {PostgresBinaries.Install}");
        }

        // The state folder names the cluster; under root the cluster itself lives in PostgresDataDirectory.SharedRoot.
        var state = Path.Combine(Path.GetTempPath(), "valmetal-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(state);
        PostgresDataDirectory.PrepareParent(state);
        var data = PostgresDataDirectory.For(state);
        var log = new StringWriter();
        try
        {
            string[] owner = LocalUser.RunningAsRoot ? ["-o", "postgres", "-g", "postgres"] : [];
            await RunAsync(("install", ["-d", "-m", "700", .. owner, data]), log, ct);
            await RunAsync(AsServerUser(Path.Combine(bin, "initdb"),
                ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions"]), log, ct);
            var port = FreePort();
            var server = Start(AsServerUser(Path.Combine(bin, "postgres"),
            [
                "-D", data, "-p", port.ToString(CultureInfo.InvariantCulture),
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
                // Speed over durability: the cluster is deleted at the end anyway.
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                "-c", "max_connections=50", "-c", "shared_buffers=32MB",
            ]), log, out var ready);
            var postgres = new TemporaryPostgres(state, server, log, port);
            try
            {
                await WaitReadyAsync(server, ready, log, ct);
            }
            catch (Exception)
            {
                await postgres.DisposeAsync();
                throw;
            }

            return postgres;
        }
        catch (Exception) when (Delete(state))
        {
            // Delete returns false: the filter only cleans up, and the exception goes on as it was.
            throw;
        }
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync(ct);
        await using var create = new NpgsqlCommand($"create database \"{name}\"", connection);
        await create.ExecuteNonQueryAsync(ct);
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        // No clean shutdown needed: the cluster is deleted, and the whole tree goes so no backend outlives it.
        if (!_server.HasExited)
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }

        _server.Dispose();
        Delete(_state);
        await _log.DisposeAsync();
    }

    /// <summary>What initdb and the server wrote, for a failure's message.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>As root, initdb and postgres run as the postgres user (they refuse to run as root).</summary>
    private static (string Program, string[] Arguments) AsServerUser(string binary, string[] arguments) =>
        LocalUser.RunningAsRoot
            ? (PostgresBinaries.AsPostgresUser[0], [.. PostgresBinaries.AsPostgresUser.Skip(1), binary, .. arguments])
            : (binary, arguments);

    private static async Task RunAsync((string Program, string[] Arguments) command, StringWriter log, CancellationToken ct)
    {
        using var process = Start(command, log, out _);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', command.Arguments.Prepend(command.Program))} exited with {process.ExitCode}:\n{Text(log)}");
        }
    }

    private static Process Start((string Program, string[] Arguments) command, StringWriter log, out Task ready)
    {
        var info = new ProcessStartInfo(command.Program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in command.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ready = started.Task;
        var process = new Process { StartInfo = info };
        DataReceivedEventHandler append = (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (log)
            {
                log.WriteLine(e.Data);
            }

            if (e.Data.Contains("ready to accept connections", StringComparison.Ordinal))
            {
                started.TrySetResult();
            }
        };
        process.OutputDataReceived += append;
        process.ErrorDataReceived += append;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The server says when it accepts connections; its exit first is a failure with its own words.</summary>
    private static async Task WaitReadyAsync(Process server, Task ready, StringWriter log, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(StartLimit);
        var exited = server.WaitForExitAsync(limit.Token);
        var first = await Task.WhenAny(ready, exited);
        if (first != ready)
        {
            throw new InvalidOperationException(server.HasExited
                ? $"PostgreSQL exited with {server.ExitCode} while starting:\n{Text(log)}"
                : $"PostgreSQL did not accept connections within {StartLimit.TotalSeconds} s:\n{Text(log)}");
        }
    }

    private static string Text(StringWriter log)
    {
        lock (log)
        {
            return log.ToString();
        }
    }

    /// <summary>A port the system has just handed out and taken back: free unless something grabs it in between.</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool Delete(string state)
    {
        PostgresDataDirectory.DeleteOutside(state);
        if (Directory.Exists(state))
        {
            Directory.Delete(state, recursive: true);
        }

        return false;
    }
}
