using Verification.Matching.Keystroke.FreeText;

namespace Verification.Proctoring.Sessions.AnswerTyping;

/// <summary>The free-text score model the service runs with, if the operator configured one.</summary>
internal sealed record FreeTextScoring(FreeTextScoreModel? Model);
