namespace Verification.Testing;

public static class RepositoryPaths
{
    /// <summary>The folder that holds Verification.sln.</summary>
    public static string Root { get; } = Locate();

    public static string Models => Path.Combine(Root, "models");

    private static string Locate()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Verification.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Verification.sln not found above " + AppContext.BaseDirectory);
    }
}
