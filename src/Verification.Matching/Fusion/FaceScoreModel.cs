namespace Verification.Matching.Fusion;

/// <summary>
/// The log-likelihood ratio of a cosine score under the genuine and impostor score distributions, with one pooled sd.
/// Separate sds make the two normal densities cross twice: with this pipeline's narrow impostor spread (0.09) and wider
/// genuine spread (0.15), impostor frames at 0.25–0.35 counted for the learner and four face impostors of fifty escaped.
/// With one sd the ratio is linear in the score, so a lower score never counts more for the learner.
/// </summary>
internal static class FaceScoreModel
{
    public static double LogLikelihoodRatio(double score, FusionOptions options)
    {
        var variance = ((options.GenuineSd * options.GenuineSd) + (options.ImpostorSd * options.ImpostorSd)) / 2;
        var midpoint = (options.GenuineMean + options.ImpostorMean) / 2;
        var llr = (options.GenuineMean - options.ImpostorMean) / variance * (score - midpoint);
        return Math.Clamp(llr, -options.FrameLlrLimit, options.FrameLlrLimit);
    }
}
