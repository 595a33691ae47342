using Microsoft.Extensions.DependencyInjection;

namespace Valmetal.AppHost.LocalStack;

public static class LocalProcessExtensions
{
    /// <summary>
    /// Runs a dependency through <c>sh -c 'exec "$@" 2>&amp;1'</c>: many servers log normal lines to stderr,
    /// which the dashboard would show as errors.
    /// </summary>
    public static IResourceBuilder<ExecutableResource> AddLocalProcess(
        this IDistributedApplicationBuilder builder, string name, string workingDirectory, params string[] commandLine)
    {
        return builder.AddExecutable(name, "sh", workingDirectory, ["-c", "exec \"$@\" 2>&1", name, .. commandLine]);
    }

    public static IResourceBuilder<T> WithTcpHealthCheck<T>(this IResourceBuilder<T> resource, int port)
        where T : IResource
    {
        var checkName = $"{resource.Resource.Name}-tcp";
        resource.ApplicationBuilder.Services.AddHealthChecks()
            .AddCheck(checkName, new TcpPortHealthCheck(port));
        return resource.WithHealthCheck(checkName);
    }

    /// <summary>True when this process runs as root, where servers such as PostgreSQL must drop privileges.</summary>
    public static bool RunningAsRoot => !OperatingSystem.IsWindows() && Environment.UserName == "root";
}
