namespace Verification.Matching.Fusion;

/// <summary>The log-likelihood ratio of a cosine score under the genuine and impostor score distributions.</summary>
internal static class FaceScoreModel
{
    public static double LogLikelihoodRatio(double score, FusionOptions options)
    {
        var genuine = LogNormalDensity(score, options.GenuineMean, options.GenuineSd);
        var impostor = LogNormalDensity(score, options.ImpostorMean, options.ImpostorSd);
        return Math.Clamp(genuine - impostor, -options.FrameLlrLimit, options.FrameLlrLimit);
    }

    // The constant -ln(sqrt(2 pi)) cancels in the ratio and is left out.
    private static double LogNormalDensity(double x, double mean, double sd)
    {
        var z = (x - mean) / sd;
        return -Math.Log(sd) - (0.5 * z * z);
    }
}
