namespace Verification.Matching.Keystroke;

/// <summary>Why a typing sample was refused.</summary>
/// <param name="Code">A stable snake_case code from <see cref="KeystrokeRejectionCodes"/>, for logs, metrics and the player.</param>
/// <param name="LearnerMessage">A sentence the learner can act on.</param>
public sealed record KeystrokeRejection(string Code, string LearnerMessage);
