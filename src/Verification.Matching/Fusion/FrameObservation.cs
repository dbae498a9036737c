namespace Verification.Matching.Fusion;

/// <summary>
/// What one analysed frame contributed. <paramref name="MatchScore"/> is the cosine score against the enrolled template
/// when exactly one face was embedded; <paramref name="Frozen"/> means identical to the frame before it;
/// <paramref name="At"/> is when the frame arrived, which the coverage rule uses to see that frames span the session.
/// </summary>
public sealed record FrameObservation(int Frame, int FacesFound, double? MatchScore, double? Liveness, double? Brightness, bool Frozen, DateTimeOffset? At = null);
