namespace Verification.Matching.Benchmarks.Face;

/// <summary>The repository root (the folder with Verification.sln), found above wherever BenchmarkDotNet runs the job.</summary>
internal static class BenchmarkPaths
{
    public static string Root { get; } = Locate();

    private static string Locate()
    {
        foreach (var start in (string[])[AppContext.BaseDirectory, Directory.GetCurrentDirectory()])
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Verification.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("Verification.sln not found above " + AppContext.BaseDirectory);
    }
}
