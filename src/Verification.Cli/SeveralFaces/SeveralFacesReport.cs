using Verification.Research.Sessions;
using Verification.Research.Sessions.SeveralFaces;

namespace Verification.Cli.SeveralFaces;

/// <summary>several-faces.json: the populations, the second faces' sizes and scores, the rule grid and the chosen rule.</summary>
internal sealed record SeveralFacesReport(
    string Command,
    int BackgroundPhotos,
    int CompositesBuilt,
    int CompositesSkipped,
    WilsonInterval PastedFaceDetected,
    SecondFaceRule Configured,
    SecondFaceRule Without,
    SecondFaceRule Chosen,
    IReadOnlyList<StyleRates> ByStyle,
    IReadOnlyList<SecondFacePoint> FiringToday,
    IReadOnlyList<SecondFacePoint> CompositeSecondFaces,
    IReadOnlyList<SecondFaceRule> Grid,
    double Seconds);

/// <summary>A second face's width relative to the learner's face and the detector's score for it.</summary>
internal sealed record SecondFacePoint(string Photo, string? Style, double RelativeWidth, double Score, double Side);

/// <summary>Composites of one style caught without second-face limits and under the configured rule.</summary>
internal sealed record StyleRates(string Style, WilsonInterval Without, WilsonInterval Configured);
