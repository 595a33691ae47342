using Microsoft.Extensions.Configuration;

namespace Valmetal.AppHost.LocalStack;

public static class ProjectExtensions
{
    /// <summary>
    /// Adds a service project that runs from its build output in the Development environment:
    /// the local composition is a developer's machine, and Blazor's framework files are served from
    /// static web assets only there (a published image carries them itself). Like the images, it caps glibc's malloc
    /// arenas at two and gives the GC a fixed generation-0 budget (see the Dockerfiles).
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddLocalProject<TProject>(this IDistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new()
    {
#pragma warning disable ASPIRECERTIFICATES001 // evaluation API; without it Aspire assumes every project may use the development certificate
        return builder.AddProject<TProject>(name)
            // TLS ends at the gateway and the broker, with certificates of the local CA, as at the load balancers
            // and IoT Core in AWS: no project serves HTTPS with ASP.NET Core's development certificate, so the
            // dashboard has no reason to warn that this machine does not trust one.
            .WithoutHttpsCertificate()
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development")
            .WithEnvironment("DOTNET_ENVIRONMENT", "Development")
            .WithEnvironment("MALLOC_ARENA_MAX", "2")
            .WithEnvironment("DOTNET_GCgen0size", "0x400000");
#pragma warning restore ASPIRECERTIFICATES001
    }

    /// <summary>
    /// Passes every setting of one configuration section given to the AppHost (for example
    /// <c>./build.sh run --Simulator:LoadDevices=25</c>) on to the project as environment variables.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithSettingsFrom(this IResourceBuilder<ProjectResource> project, IConfigurationSection section)
    {
        foreach (var (key, value) in section.AsEnumerable(makePathsRelative: true))
        {
            if (value is not null)
            {
                project.WithEnvironment($"{section.Key}__{key.Replace(":", "__", StringComparison.Ordinal)}", value);
            }
        }

        return project;
    }

    public static IResourceBuilder<T> WaitForAll<T>(this IResourceBuilder<T> resource, IEnumerable<IResourceBuilder<IResource>> dependencies)
        where T : IResourceWithWaitSupport
    {
        foreach (var dependency in dependencies)
        {
            resource.WaitFor(dependency);
        }

        return resource;
    }
}
