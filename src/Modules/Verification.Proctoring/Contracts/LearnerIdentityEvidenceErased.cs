using Mediator;

namespace Verification.Proctoring.Contracts;

/// <summary>
/// A learner's identity evidence (templates, ID photo, frames) was erased at their request. Verdicts stay, so issued
/// certificates stay valid; Certificates note that the evidence behind them is gone.
/// </summary>
public sealed record LearnerIdentityEvidenceErased(Guid LearnerId, DateTimeOffset ErasedAt) : INotification;
