using Verification.Matching.Models;

namespace Verification.Host.Startup;

/// <summary>Finds <c>models/</c>: <c>Models:Directory</c> when set, otherwise the nearest ancestor folder that holds the manifest.</summary>
internal static class ModelsLocator
{
    public static string Locate(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration["Models:Directory"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured, contentRoot);
        }

        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "models");
                if (File.Exists(Path.Combine(candidate, ModelManifest.FileName)))
                {
                    return candidate;
                }
            }
        }

        return Path.Combine(contentRoot, "models");
    }
}
