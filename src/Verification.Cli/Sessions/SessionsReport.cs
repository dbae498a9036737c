using Verification.Matching.Fusion;
using Verification.Research.Sessions;

namespace Verification.Cli.Sessions;

/// <summary>
/// sessions.json: the command, who was simulated (and how many LFW identities the enrollment gates refused on the way),
/// the options in force and one summary per session kind.
/// </summary>
internal sealed record SessionsReport(
    string Command,
    int Users,
    int IdentitiesRefusedAtEnrollment,
    int IdPhotosBelowMatchThreshold,
    SessionSetup Setup,
    string Degradation,
    FusionOptions Fusion,
    IReadOnlyList<SessionKindSummary> Kinds,
    double Seconds);
