using System.Text.Json.Serialization;
using Mediator;

namespace Verification.Proctoring.Contracts;

/// <summary>
/// A reviewer decided a case. Certificates consume it to issue, revoke or keep holding. A case can be decided more than
/// once (an escalation, an appeal), so <paramref name="DecisionId"/>, the decision's own id, names the event; messages
/// written before it existed carry none and fall back to the case's id.
/// </summary>
public sealed record ReviewCaseDecided(Guid CaseId, Guid SessionId, Guid LearnerId, Guid CourseId, ReviewCaseDecision Decision, Guid ReviewerId, Guid DecisionId = default) : INotification
{
    public Guid EventId => DecisionId == Guid.Empty ? CaseId : DecisionId;
}

/// <summary>A reviewer's decision; it travels (outbox, webhooks, API) as <c>approved</c>, <c>rejected</c> or <c>escalated</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReviewCaseDecision>))]
public enum ReviewCaseDecision
{
    [JsonStringEnumMemberName("approved")]
    Approved,

    [JsonStringEnumMemberName("rejected")]
    Rejected,

    [JsonStringEnumMemberName("escalated")]
    Escalated,
}

/// <summary>The names a decision travels by, for consumers that write it into text (webhooks, audit reasons).</summary>
public static class ReviewCaseDecisions
{
    public static string Name(ReviewCaseDecision decision) => decision switch
    {
        ReviewCaseDecision.Approved => "approved",
        ReviewCaseDecision.Rejected => "rejected",
        _ => "escalated",
    };
}
