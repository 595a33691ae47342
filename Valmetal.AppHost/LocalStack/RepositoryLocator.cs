namespace Valmetal.AppHost.LocalStack;

/// <summary>Finds the repository (the folder holding Valmetal.sln) from a build output folder, for tests and benchmarks.</summary>
public static class RepositoryLocator
{
    public static string? Above(string directory)
    {
        var current = new DirectoryInfo(directory);
        while (current is not null && !File.Exists(Path.Combine(current.FullName, "Valmetal.sln")))
        {
            current = current.Parent;
        }

        return current?.FullName;
    }
}
