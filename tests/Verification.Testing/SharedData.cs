namespace Verification.Testing;

/// <summary>
/// <c>../shared/eval-data</c> beside the repository: present in CI, absent in a user's clone.
/// Tests that need it call <see cref="RequireDirectory"/> and are skipped with the reason when it is missing.
/// </summary>
public static class SharedData
{
    public static string? Root { get; } = Locate();

    public static string RequireDirectory(string relative)
    {
        if (Root is null)
        {
            Xunit.Assert.Skip("../shared/eval-data is absent (a user's clone): this test needs the shared evaluation data that CI has.");
        }

        var path = Path.Combine(Root, relative);
        if (!Directory.Exists(path) && !File.Exists(path))
        {
            Xunit.Assert.Skip($"../shared/eval-data/{relative} is absent: this test needs it.");
        }

        return path;
    }

    private static string? Locate()
    {
        var candidate = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "eval-data"));
        return Directory.Exists(candidate) ? candidate : null;
    }
}
