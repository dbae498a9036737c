using Verification.Catalog.Contracts;

namespace Verification.Catalog.Tracks;

/// <summary>The policy's column values (the same words as its JSON names).</summary>
internal static class TypingChecks
{
    public static string ToColumn(TypingCheckPolicy policy) => policy switch
    {
        TypingCheckPolicy.None => "none",
        TypingCheckPolicy.FirstAssessment => "first_assessment",
        TypingCheckPolicy.EveryAssessment => "every_assessment",
        _ => throw new ArgumentOutOfRangeException(nameof(policy)),
    };

    public static TypingCheckPolicy Parse(string column) => column switch
    {
        "none" => TypingCheckPolicy.None,
        "first_assessment" => TypingCheckPolicy.FirstAssessment,
        "every_assessment" => TypingCheckPolicy.EveryAssessment,
        _ => throw new InvalidOperationException($"Unknown typing check policy '{column}' in catalog.certificate_tracks."),
    };
}
