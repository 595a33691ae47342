namespace Valmetal.TestSupport;

/// <summary>The clone the tests run from: the folder holding Valmetal.sln above the test's binaries.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Valmetal.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Valmetal.sln not found above " + AppContext.BaseDirectory);
    }
}
