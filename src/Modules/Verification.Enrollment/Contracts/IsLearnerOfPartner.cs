using Mediator;

namespace Verification.Enrollment.Contracts;

/// <summary>Whether the learner is enrolled in at least one course of the partner. Access policies ask it for a partner's key.</summary>
public sealed record IsLearnerOfPartner(Guid LearnerId, Guid PartnerId) : IQuery<bool>;
