using Verification.Matching.Face;
using Verification.Matching.Keystroke;

namespace Verification.Proctoring.Identity;

/// <summary>
/// A learner's decrypted identity profile, as verification sessions use it. <see cref="TypingUnavailable"/> is the
/// <see cref="TypingFallback"/> reason the learner enrolled without typing for (then <see cref="Typing"/> is null).
/// </summary>
internal sealed record IdentityProfile(Guid LearnerId, FaceTemplate Face, KeystrokeProfile? Typing, float IdPhotoScore, string TypingPhrase, string? TypingUnavailable = null);
