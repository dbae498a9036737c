using System.Text.Json.Serialization;

namespace Verification.Catalog.Contracts;

/// <summary>When a certificate track asks the learner for a typing check during assessments.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TypingCheckPolicy>))]
public enum TypingCheckPolicy
{
    [JsonStringEnumMemberName("none")]
    None,

    [JsonStringEnumMemberName("first_assessment")]
    FirstAssessment,

    [JsonStringEnumMemberName("every_assessment")]
    EveryAssessment,
}
