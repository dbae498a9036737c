using Verification.Matching.Face;
using Verification.Matching.Keystroke;

namespace Verification.Proctoring.Identity;

/// <summary>A learner's decrypted identity profile, as verification sessions use it.</summary>
internal sealed record IdentityProfile(Guid LearnerId, FaceTemplate Face, KeystrokeProfile? Typing, float IdPhotoScore, string TypingPhrase);
