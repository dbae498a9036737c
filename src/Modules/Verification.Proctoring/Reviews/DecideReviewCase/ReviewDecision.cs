using System.Text.Json.Serialization;

namespace Verification.Proctoring.Reviews.DecideReviewCase;

/// <summary>A reviewer's decision as an enum, so the API document lists the three values; the names are stored as written.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReviewDecision>))]
internal enum ReviewDecision
{
    [JsonStringEnumMemberName("approved")]
    Approved,

    [JsonStringEnumMemberName("rejected")]
    Rejected,

    [JsonStringEnumMemberName("escalated")]
    Escalated,
}
