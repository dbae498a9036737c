using System.Text.Json.Serialization;
using Mediator;

namespace Verification.Proctoring.Contracts;

/// <summary>A verification session ended with the machine's verdict: <c>Verified</c> or <c>NeedsReview</c>, never a rejection.</summary>
public sealed record SessionVerdictReached(Guid SessionId, Guid LearnerId, Guid CourseId, string AssessmentId, SessionVerdictName Verdict, ReviewCasePriority Priority, IReadOnlyList<string> Flags) : INotification;

/// <summary>A session needs a person: a review case was opened for it.</summary>
public sealed record ReviewCaseOpened(Guid CaseId, Guid SessionId, Guid LearnerId, Guid CourseId, ReviewCasePriority Priority, IReadOnlyList<string> Flags) : INotification;

/// <summary>The machine's verdict on a session; it travels by these names.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SessionVerdictName>))]
public enum SessionVerdictName
{
    Verified,
    NeedsReview,
}

/// <summary>How urgent a session's review is (<c>None</c> for a verified session); it travels by these names.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReviewCasePriority>))]
public enum ReviewCasePriority
{
    None,
    Low,
    Normal,
    High,
}
