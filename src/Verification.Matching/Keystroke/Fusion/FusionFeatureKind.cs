namespace Verification.Matching.Keystroke;

internal enum FusionFeatureKind
{
    /// <summary>Detector scores against the learner's profile (<see cref="FusionFeatures"/>).</summary>
    Fused,

    /// <summary>The sample alone, no enrollment (<see cref="NoProfileFeatures"/>).</summary>
    NoProfile,
}

internal static class FusionFeatureKinds
{
    public static int Count(FusionFeatureKind kind) => kind == FusionFeatureKind.Fused ? FusionFeatures.Count : NoProfileFeatures.Count;

    public static void Compute(FusionFeatureKind kind, KeystrokeProfile profile, KeystrokeSample sample, Span<float> destination)
    {
        if (kind == FusionFeatureKind.Fused)
        {
            FusionFeatures.Compute(profile, sample, destination);
        }
        else
        {
            NoProfileFeatures.Compute(sample.Features, destination);
        }
    }
}
