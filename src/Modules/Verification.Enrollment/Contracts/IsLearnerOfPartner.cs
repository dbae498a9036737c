using Mediator;

namespace Verification.Enrollment.Contracts;

/// <summary>
/// Whether the partner may act on the learner: the learner record is the partner's own (learners are partner-scoped
/// records), or the learner came through an enterprise program (no partner) and is enrolled in one of the partner's courses.
/// </summary>
public sealed record IsLearnerOfPartner(Guid LearnerId, Guid PartnerId) : IQuery<bool>;
