using Mediator;

namespace Verification.Enrollment.Contracts;

/// <summary>Adds a learner. Idempotent on <paramref name="LearnerId"/>.</summary>
public sealed record RegisterLearner(Guid LearnerId, string FullName, string Email) : ICommand<LearnerRegistered>;

public sealed record LearnerRegistered(Guid LearnerId, bool AlreadyExisted);
