namespace Verification.Proctoring.Sessions.AnswerTyping;

/// <summary>
/// The free-text evidence kept with a verdict for the reviewer: the key presses of the answers, how many timings were
/// compared with the profile and the distance (null when nothing could be compared: no profile, or no shared timings),
/// and whether it was fused (judged by an operator-fitted model, its log-likelihood ratio and whether it flagged) or is
/// for the reviewer only (no model configured, or too little typing for the model).
/// </summary>
internal sealed record SessionFreeText(int KeyPresses, int TimingsCompared, double? Distance, bool Fused, bool ModelConfigured, double? LogLikelihoodRatio, bool Flagged);
