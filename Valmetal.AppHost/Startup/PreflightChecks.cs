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
    private const string InUse = "is already in use";

    public static IReadOnlyList<string> Run(DistributedApplicationModel model, LocalStackOptions local, IConfiguration configuration, bool dashboard)
    {
        var ports = model.Resources
            .SelectMany(r => r.Annotations.OfType<EndpointAnnotation>()
                .Where(e => e.Port is not null)
                .Select(e => new FixedPort(e.Port!.Value, r.Name, local.SettingFor(e.Port!.Value) is { } setting ? $"--{setting}=PORT" : null)))
            .Concat(dashboard ? DashboardEndpoints.Ports(configuration).Select(port => new FixedPort(port, "the Aspire dashboard", null)) : [])
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

    private static IEnumerable<string> PortProblems(IEnumerable<FixedPort> ports)
    {
        var taken = new List<(FixedPort Port, string Reason)>();
        foreach (var group in ports.GroupBy(p => p.Number))
        {
            var owners = group.Select(p => p.Owner).Distinct().ToList();
            if (owners.Count > 1)
            {
                yield return StartFailure.Line(string.Join(" and ", owners), "cannot start", $"both are given port {group.Key}",
                    Options(group) is { } options ? $"give one of them another port with {options}" : "give one of them another port");
            }
            else if (Unavailable(group.Key) is { } reason)
            {
                taken.Add((group.First(), reason));
            }
        }

        if (taken.Count > 1 && taken.All(t => t.Reason == InUse))
        {
            // Usually an earlier run still holding everything: one line, not one per port.
            yield return StartFailure.Line(string.Join(", ", taken.Select(t => t.Port.Owner).Distinct()), "cannot start",
                $"ports {string.Join(", ", taken.Select(t => t.Port.Number))} are already in use",
                "stop the earlier ./build.sh run if one is still running; otherwise stop the programs listening there "
                + "(`ss -ltnp` names them)"
                + (Options(taken.Select(t => t.Port)) is { } options ? $", or choose other ports with {options}" : string.Empty));
            yield break;
        }

        foreach (var (port, reason) in taken)
        {
            yield return StartFailure.Line(port.Owner, "cannot start", $"port {port.Number} {reason}", StartFailure.FreePort(port.Number, port.Option));
        }
    }

    private static string? Options(IEnumerable<FixedPort> ports)
    {
        var options = ports.Select(p => p.Option).OfType<string>().Distinct().ToList();
        return options.Count == 0 ? null : string.Join(" ", options);
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
            return InUse;
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

    /// <summary>A port the run will listen on, who needs it, and the option that moves it (if any).</summary>
    private sealed record FixedPort(int Number, string Owner, string? Option);
}
