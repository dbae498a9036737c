using System.Text.Json.Serialization;

namespace Verification.Enrollment.Contracts;

/// <summary>The track a learner chose: the free audit track or the paid verified certificate track.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EnrollmentTrack>))]
public enum EnrollmentTrack
{
    [JsonStringEnumMemberName("audit")]
    Audit,

    [JsonStringEnumMemberName("verified")]
    Verified,
}
