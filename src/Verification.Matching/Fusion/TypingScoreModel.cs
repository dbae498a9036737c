namespace Verification.Matching.Fusion;

/// <summary>
/// The log-likelihood ratio of one typing check under the genuine and impostor distributions of the verifier's own ratio
/// as this pipeline produces it. With one pooled sd the result is linear in the verifier's ratio, so it only recalibrates it.
/// </summary>
public static class TypingScoreModel
{
    public static double LogLikelihoodRatio(double verifierLlr, FusionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var variance = options.TypingSd * options.TypingSd;
        var midpoint = (options.TypingGenuineMean + options.TypingImpostorMean) / 2;
        var llr = (options.TypingGenuineMean - options.TypingImpostorMean) / variance * (verifierLlr - midpoint);
        return Math.Clamp(llr, -options.TypingCheckLlrLimit, options.TypingCheckLlrLimit);
    }

    public static double PooledSd(NormalScoreModel genuine, NormalScoreModel impostor)
    {
        ArgumentNullException.ThrowIfNull(genuine);
        ArgumentNullException.ThrowIfNull(impostor);
        return Math.Sqrt(((genuine.Sd * genuine.Sd) + (impostor.Sd * impostor.Sd)) / 2);
    }
}
