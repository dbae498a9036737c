using System.Text.Json.Serialization;

namespace Verification.Proctoring.Identity.GetEnrollmentStatus;

/// <summary>What an enrollment can still be missing; the API document lists the values.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EnrollmentRequirement>))]
internal enum EnrollmentRequirement
{
    [JsonStringEnumMemberName("consent")]
    Consent,

    [JsonStringEnumMemberName("face_frames")]
    FaceFrames,

    [JsonStringEnumMemberName("id_photo")]
    IdPhoto,

    [JsonStringEnumMemberName("typing_samples")]
    TypingSamples,
}
