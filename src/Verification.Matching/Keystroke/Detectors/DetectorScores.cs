namespace Verification.Matching.Keystroke;

/// <summary>
/// The anomaly scores of one sample against one profile; higher means less like the enrolled typist. The two
/// nearest-neighbour Manhattan scores are additions to the paper's detectors: the distance to the closest enrollment
/// vector in scaled-Manhattan terms, and in Manhattan terms after whitening (Zhong, Deng &amp; Jain, CVPR Workshops
/// 2012, "Keystroke Dynamics for User Authentication", EER 0.084 on the same benchmark).
/// </summary>
internal readonly record struct DetectorScores(
    double ScaledManhattan,
    double OutlierCount,
    double Mahalanobis,
    double NearestNeighbourMahalanobis,
    double NearestNeighbourScaledManhattan,
    double NearestNeighbourWhitenedManhattan);
