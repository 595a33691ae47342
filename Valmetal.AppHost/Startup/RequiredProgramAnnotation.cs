namespace Valmetal.AppHost.Startup;

/// <summary>
/// A program or file a resource needs before it can start: an absolute path, or a command looked up on PATH.
/// Checked before anything starts (<see cref="PreflightChecks"/>), so a missing package is one line, not a hang.
/// </summary>
public sealed record RequiredProgramAnnotation(string Program, string Remedy) : IResourceAnnotation;

public static class RequiredProgramExtensions
{
    public static IResourceBuilder<T> WithRequiredProgram<T>(this IResourceBuilder<T> resource, string program, string remedy)
        where T : IResource => resource.WithAnnotation(new RequiredProgramAnnotation(program, remedy));
}
