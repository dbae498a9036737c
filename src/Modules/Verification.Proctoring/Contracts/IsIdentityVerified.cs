using System.Text.Json.Serialization;
using Mediator;

namespace Verification.Proctoring.Contracts;

/// <summary>The certificate service's question: is this learner's identity verified for this course?</summary>
public sealed record IsIdentityVerified(Guid LearnerId, Guid CourseId) : IQuery<IdentityVerificationStatus>;

public sealed record IdentityVerificationStatus(Guid LearnerId, Guid CourseId, IdentityStatus Status, int VerifiedSessions, int OpenCases);

/// <summary>
/// <c>Verified</c>: enrolled, at least one session of the course verified (by the machine or a reviewer), none rejected
/// and none waiting. <c>PendingReview</c>: a case is open, so a certificate is held, not refused. <c>Rejected</c>: a
/// reviewer rejected a session. <c>NotVerified</c>: enrolled but no verified session yet. <c>NotEnrolled</c>: no identity profile.
/// Written in JSON by these names (the HTTP answer's <c>status</c>).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<IdentityStatus>))]
public enum IdentityStatus
{
    NotEnrolled,
    NotVerified,
    PendingReview,
    Verified,
    Rejected,
}
