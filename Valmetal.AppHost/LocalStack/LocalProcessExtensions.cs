using Microsoft.Extensions.DependencyInjection;
using Valmetal.AppHost.Startup;

namespace Valmetal.AppHost.LocalStack;

public static class LocalProcessExtensions
{
    /// <summary>
    /// Runs a dependency through <c>sh -c 'exec "$@" 2>&amp;1'</c>: many servers log normal lines to stderr,
    /// which the dashboard would show as errors. Its program is checked before anything starts.
    /// </summary>
    public static IResourceBuilder<ExecutableResource> AddLocalProcess(
        this IDistributedApplicationBuilder builder, string name, string workingDirectory, string remedy, params string[] commandLine)
    {
        return builder.AddExecutable(name, "sh", workingDirectory, ["-c", "exec \"$@\" 2>&1", name, .. commandLine])
            .WithRequiredProgram(commandLine[0], remedy);
    }

    public static IResourceBuilder<T> WithTcpHealthCheck<T>(this IResourceBuilder<T> resource, int port)
        where T : IResource
    {
        var checkName = $"{resource.Resource.Name}-tcp";
        resource.ApplicationBuilder.Services.AddHealthChecks()
            .AddCheck(checkName, new TcpPortHealthCheck(port));
        return resource.WithHealthCheck(checkName);
    }
}
