namespace Verification.Matching.Face.Sessions;

/// <summary>The six face models, in the order start-up measures them, cheapest first: time they leave goes to the ones after.</summary>
public enum FaceModelKind
{
    Eye,
    Landmark,
    Detector,
    Pose,
    Liveness,
    Embedding,
}
