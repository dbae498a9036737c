using Mediator;

namespace Verification.Enrollment.Contracts;

/// <summary>
/// Adds a learner, under a partner when one is given. Idempotent on <paramref name="LearnerId"/>. When another learner
/// of the partner holds the email or the external id, nothing is added and the answer says <c>Taken</c>.
/// </summary>
public sealed record RegisterLearner(Guid LearnerId, string FullName, string Email, Guid? PartnerId = null, string? ExternalId = null) : ICommand<LearnerRegistered>;

public sealed record LearnerRegistered(Guid LearnerId, bool AlreadyExisted, bool Taken = false);
