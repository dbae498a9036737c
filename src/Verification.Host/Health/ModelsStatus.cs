using Verification.Matching.Models;

namespace Verification.Host.Health;

/// <summary>The outcome of checking models/ against its manifest, taken once at start.</summary>
internal sealed record ModelsStatus(string Directory, IReadOnlyList<string> Problems)
{
    public bool IsHealthy => Problems.Count == 0;

    public static ModelsStatus Check(string directory)
    {
        try
        {
            var manifest = ModelManifest.Load(directory);
            return new ModelsStatus(directory, manifest.Verify(directory));
        }
        catch (ModelVerificationException ex)
        {
            return new ModelsStatus(directory, [ex.Message]);
        }
    }
}
