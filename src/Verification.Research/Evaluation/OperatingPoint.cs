namespace Verification.Research.Evaluation;

/// <summary>
/// The error rates at one threshold (a score at or above it is accepted). <see cref="FalseAccepts"/> of
/// <see cref="Impostors"/> is what a stated FMR rests on: FMR 0.1% of 1,500 impostors is 1 false accept.
/// </summary>
internal sealed record OperatingPoint(
    double TargetFmr,
    double Threshold,
    double Fmr,
    double Fnmr,
    int FalseAccepts,
    int FalseRejects,
    int Impostors,
    int Genuine);
