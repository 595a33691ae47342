using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Valmetal.AppHost.LocalStack;

namespace Valmetal.AppHost.Startup;

/// <summary>
/// What can be known before anything starts: every fixed port is free and every program a resource needs is there.
/// Each problem is one line naming the resource, the cause and what to do.
/// </summary>
public static class PreflightChecks
{
    /// <summary>Where <c>./build.sh run</c> puts the dashboard (its fixed ports are not resources of the model).</summary>
    private static readonly string[] DashboardSettings =
        ["ASPNETCORE_URLS", "ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL", "ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL", "ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"];

    public static IReadOnlyList<string> Run(DistributedApplicationModel model, LocalStackOptions local, IConfiguration configuration, bool dashboard)
    {
        var ports = model.Resources
            .SelectMany(r => r.Annotations.OfType<EndpointAnnotation>().Where(e => e.Port is not null).Select(e => (Port: e.Port!.Value, Owner: r.Name, Setting: local.SettingFor(e.Port!.Value))))
            .Concat(dashboard ? DashboardPorts(configuration) : [])
            .Distinct();
        return [.. MissingPrograms(model), .. PortProblems(ports)];
    }

    private static IEnumerable<string> MissingPrograms(DistributedApplicationModel model)
    {
        foreach (var resource in model.Resources)
        {
            var required = resource.Annotations.OfType<RequiredProgramAnnotation>().ToList();
            if (resource is ExecutableResource executable)
            {
                required.Insert(0, new RequiredProgramAnnotation(executable.Command, $"install the package that provides {executable.Command}"));
            }

            foreach (var (program, remedy) in required.Where(r => !Exists(r.Program)))
            {
                var missing = Path.IsPathRooted(program) ? $"{program} does not exist" : $"{program} is not on PATH";
                yield return StartFailure.Line(resource.Name, "cannot start", missing, remedy);
            }
        }
    }

    private static IEnumerable<string> PortProblems(IEnumerable<(int Port, string Owner, string? Setting)> ports)
    {
        foreach (var group in ports.GroupBy(p => p.Port))
        {
            var owners = group.Select(p => p.Owner).ToList();
            var setting = group.Select(p => p.Setting).FirstOrDefault(s => s is not null);
            var move = setting is null ? "choose another port" : $"choose another port with --{setting}=PORT";
            if (owners.Count > 1)
            {
                yield return StartFailure.Line(string.Join(" and ", owners), "cannot start", $"both are given port {group.Key}", move);
            }
            else if (Unavailable(group.Key) is { } reason)
            {
                yield return StartFailure.Line(owners[0], "cannot start", $"port {group.Key} {reason}", StartFailure.FreePort(group.Key, move));
            }
        }
    }

    private static IEnumerable<(int Port, string Owner, string? Setting)> DashboardPorts(IConfiguration configuration)
    {
        foreach (var setting in DashboardSettings)
        {
            foreach (var url in (configuration[setting] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Port > 0)
                {
                    yield return (uri.Port, "the Aspire dashboard", setting);
                }
            }
        }
    }

    /// <summary>Null when the port can be listened on; otherwise why not.</summary>
    private static string? Unavailable(int port)
    {
        using var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return null;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return "is already in use";
        }
        catch (SocketException ex)
        {
            return $"cannot be listened on ({ex.Message})";
        }
        finally
        {
            listener.Stop();
        }
    }

    private static bool Exists(string program)
    {
        if (Path.IsPathRooted(program))
        {
            return File.Exists(program);
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .Any(candidate => File.Exists(candidate)
                && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0));
    }
}
