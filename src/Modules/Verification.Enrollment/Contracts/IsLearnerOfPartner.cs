using Mediator;

namespace Verification.Enrollment.Contracts;

/// <summary>Whether the learner record belongs to the partner (learners are partner-scoped records).</summary>
public sealed record IsLearnerOfPartner(Guid LearnerId, Guid PartnerId) : IQuery<bool>;
