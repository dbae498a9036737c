namespace Verification.Testing;

/// <summary>
/// <c>../shared/eval-data</c> beside the repository: present in CI, absent in a user's clone.
/// Tests that need it call <see cref="RequireDirectory"/> and are skipped with the reason when it is missing, except
/// under <c>CI=true</c>: there a missing data set fails the test, so a broken CI checkout cannot pass by skipping.
/// </summary>
public static class SharedData
{
    public static string? Root { get; } = Locate();

    public static string RequireDirectory(string relative) => RequireDirectory(relative, InCi);

    /// <summary>As <see cref="RequireDirectory(string)"/>, with CI named rather than read from the environment.</summary>
    public static string RequireDirectory(string relative, bool ci)
    {
        if (Root is null)
        {
            Missing(ci, "../shared/eval-data is absent (a user's clone): this test needs the shared evaluation data that CI has.");
        }

        var path = Path.Combine(Root, relative);
        if (!Directory.Exists(path) && !File.Exists(path))
        {
            Missing(ci, $"../shared/eval-data/{relative} is absent: this test needs it.");
        }

        return path;
    }

    /// <summary>True where the environment says it is CI (<c>CI=true</c>, as GitHub Actions and most CI services set it).</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Missing(bool ci, string reason)
    {
        if (ci)
        {
            Xunit.Assert.Fail("CI=true and " + reason);
        }

        Xunit.Assert.Skip(reason);
    }

    private static string? Locate()
    {
        var candidate = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "eval-data"));
        return Directory.Exists(candidate) ? candidate : null;
    }
}
