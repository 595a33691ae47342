namespace Valmetal.AppHost.LocalStack;

public static class ProjectExtensions
{
    /// <summary>
    /// Adds a service project that runs from its build output in the Development environment:
    /// the local composition is a developer's machine, and Blazor's framework files are served from
    /// static web assets only there (a published image carries them itself).
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddLocalProject<TProject>(this IDistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new()
    {
        return builder.AddProject<TProject>(name)
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development")
            .WithEnvironment("DOTNET_ENVIRONMENT", "Development");
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
