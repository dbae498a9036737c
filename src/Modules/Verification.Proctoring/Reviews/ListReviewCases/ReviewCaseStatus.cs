using System.Text.Json.Serialization;

namespace Verification.Proctoring.Reviews.ListReviewCases;

/// <summary>Where a case stands, as stored (lower case) and shown.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReviewCaseStatus>))]
internal enum ReviewCaseStatus
{
    [JsonStringEnumMemberName("open")]
    Open,

    [JsonStringEnumMemberName("escalated")]
    Escalated,

    [JsonStringEnumMemberName("approved")]
    Approved,

    [JsonStringEnumMemberName("rejected")]
    Rejected,
}
