using Verification.Matching.Fusion;
using Verification.Research.Sessions;

namespace Verification.Cli.Sessions;

/// <summary>
/// sessions.json: the command, who was simulated (and how many LFW identities the enrollment gates refused on the way),
/// the options in force, one summary per session kind, the honest kinds again over the sessions whose every frame shows
/// exactly one face (<see cref="OneFaceCriterion"/>), and the typing trade-off over checks and levels.
/// </summary>
internal sealed record SessionsReport(
    string Command,
    int Users,
    int TypingProfilesRefined,
    int IdentitiesRefusedAtEnrollment,
    int IdPhotosBelowMatchThreshold,
    SessionSetup Setup,
    string Degradation,
    FusionOptions Fusion,
    IReadOnlyList<SessionKindSummary> Kinds,
    IReadOnlyList<OneFaceSummary> OneFacePerFrame,
    IReadOnlyList<TypingTradeOffPoint> TypingTradeOff,
    double Seconds);
