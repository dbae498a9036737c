using Mediator;

namespace Verification.Enrollment.Contracts;

/// <summary>The learner's name and email, or null for an unknown learner. Certificates hash the email into a credential.</summary>
public sealed record GetLearnerContact(Guid LearnerId) : IQuery<LearnerContact?>;

public sealed record LearnerContact(Guid LearnerId, string FullName, string Email);
