using System.Diagnostics.CodeAnalysis;

namespace Verification.Matching.Keystroke;

/// <summary>Either a validated sample or the reason it was refused; exactly one of the two is set.</summary>
public sealed record KeystrokeSampleResult(KeystrokeSample? Sample, KeystrokeRejection? Rejection)
{
    [MemberNotNullWhen(true, nameof(Sample))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool IsAccepted => Sample is not null;

    internal static KeystrokeSampleResult Accept(KeystrokeSample sample) => new(sample, null);

    internal static KeystrokeSampleResult Reject(KeystrokeRejection rejection) => new(null, rejection);
}
