using Verification.Matching.Face;
using Verification.Matching.Keystroke;
using Verification.Matching.Keystroke.FreeText;

namespace Verification.Proctoring.Identity;

/// <summary>
/// A learner's decrypted identity profile, as verification sessions use it. <see cref="TypingUnavailable"/> is the
/// <see cref="TypingFallback"/> reason the learner enrolled without typing for (then <see cref="Typing"/> is null).
/// <see cref="FreeText"/> is the free-text typing profile built at enrollment and refined by verified sessions; null
/// for a learner enrolled without typing, or before free-text profiles existed, until a verified session builds one.
/// </summary>
internal sealed record IdentityProfile(
    Guid LearnerId, FaceTemplate Face, KeystrokeProfile? Typing, float IdPhotoScore, string TypingPhrase, string? TypingUnavailable = null, FreeTextProfile? FreeText = null);
