using Verification.Host.Health;
using Verification.Matching.Models;

namespace Verification.Host.Startup;

internal static class StartupChecks
{
    /// <summary>A model that is missing or differs from the manifest stops the start: matching on the wrong weights is worse than not matching.</summary>
    public static void VerifyModels(ModelsStatus models)
    {
        if (!models.IsHealthy)
        {
            throw new ModelVerificationException(
                $"Face models in {models.Directory} are not usable: {string.Join("; ", models.Problems)}. " +
                "Run scripts/fetch-models.sh (./run.sh does) or set Models:Directory.");
        }
    }
}
