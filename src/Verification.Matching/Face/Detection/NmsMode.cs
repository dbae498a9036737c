namespace Verification.Matching.Face.Detection;

/// <summary>How overlapping detections are merged.</summary>
internal enum NmsMode
{
    /// <summary>Highest score first, suppress others by intersection over union. The kept default.</summary>
    ScoreIou,

    /// <summary>The package JavaScript's variant (order by bottom edge, overlap over the other box's area), measured only.</summary>
    JavaScript,
}
