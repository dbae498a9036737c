namespace Verification.Matching.Keystroke;

/// <summary>The anomaly scores of one sample against one profile; higher means less like the enrolled typist.</summary>
internal readonly record struct DetectorScores(
    double ScaledManhattan,
    double OutlierCount,
    double Mahalanobis,
    double NearestNeighbourMahalanobis);
