using System.Text.Json.Serialization;
using Verification.BuildingBlocks.Access;

namespace Verification.Access.Tokens;

[JsonConverter(typeof(JsonStringEnumConverter<TokenPurpose>))]
internal enum TokenPurpose
{
    /// <summary>Consent, identity enrollment and the learner's own data.</summary>
    [JsonStringEnumMemberName(LearnerTokenPurposes.Enrollment)]
    Enrollment,

    /// <summary>One verification session for one assessment attempt.</summary>
    [JsonStringEnumMemberName(LearnerTokenPurposes.Session)]
    Session,
}
