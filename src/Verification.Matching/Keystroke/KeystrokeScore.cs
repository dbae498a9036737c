namespace Verification.Matching.Keystroke;

/// <summary>The verdict on one typing sample.</summary>
/// <param name="GenuineProbability">Calibrated probability that the learner typed it, at even prior odds (σ of the LLR).</param>
/// <param name="Accepted">Whether the LLR reaches the configured threshold.</param>
/// <param name="FalseAcceptRate">The false-accept rate of the configured operating point (how often an impostor passes).</param>
/// <param name="LogLikelihoodRatio">ln p(sample | genuine) / p(sample | impostor), for the session's evidence fusion.</param>
public sealed record KeystrokeScore(double GenuineProbability, bool Accepted, double FalseAcceptRate, double LogLikelihoodRatio);
