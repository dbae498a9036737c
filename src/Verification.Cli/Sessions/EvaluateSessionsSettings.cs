using System.ComponentModel;
using Spectre.Console.Cli;
using Verification.Cli.Face;

namespace Verification.Cli.Sessions;

internal sealed class EvaluateSessionsSettings : FaceEngineSettings
{
    [CommandOption("--data <DIR>")]
    [Description("The shared evaluation data: face/lfw and keystroke/DSL-StrongPasswordData.csv under it.")]
    public string Data { get; init; } = "../shared/eval-data";

    [CommandOption("--out <DIR>")]
    [Description("Folder for sessions.json and sessions.png.")]
    public string Out { get; init; } = "out/sessions";

    [CommandOption("--host-settings <FILE>")]
    [Description("The Host's appsettings.json: its Matching:Face, Matching:Keystroke and Proctoring:Sessions sections are the ones simulated.")]
    public string HostSettings { get; init; } = "src/Verification.Host/appsettings.json";

    [CommandOption("--users <N>")]
    [Description("Chimeric users (LFW identity with 6+ photos x CMU subject; past 51 users the CMU subjects repeat).")]
    public int Users { get; init; } = 50;

    [CommandOption("--frames <N>")]
    [Description("Frames per session.")]
    public int Frames { get; init; } = 6;

    [CommandOption("--swap-after <K>")]
    [Description("Face impostors take over after this many of the learner's own frames.")]
    public int SwapAfter { get; init; } = 2;

    [CommandOption("--typing-checks <N>")]
    [Description("Typing checks per session, spread over its frames (default: the number the fitted typing level was chosen for).")]
    public int? TypingChecks { get; init; }

    [CommandOption("--frame-seconds <S>")]
    [Description("Seconds between frames (the coverage rule sees them).")]
    public int FrameSeconds { get; init; } = 20;

    [CommandOption("--freetext-keystrokes <N>")]
    [Description("Key presses of free-text typing (text answers) per session, from Aalto participants paired with the users, judged by a free-text model fitted in this run on the same Aalto data (never read from models/); 0 (the default) leaves free text out.")]
    public int FreeTextKeystrokes { get; init; }

    [CommandOption("--earlier-session")]
    [Description("Each learner first took one assessment (typing checks: the first of CMU session 4's typings, as many as a session's typing checks) whose typing refined the profile the reported sessions are judged against when the service would have refined it after a Verified session (typing evidence for the learner at the fitted refinement level).")]
    public bool EarlierSession { get; init; }

    [CommandOption("--earlier-session-impostor")]
    [Description("With --earlier-session: the earlier assessment's typing checks were typed by the impostor who types this learner's impostor sessions (CMU session 4 of that subject), as by someone who sits the assessments for the learner; shows what a refinement with an impostor's typing does.")]
    public bool EarlierSessionImpostor { get; init; }

    [CommandOption("--seed <N>")]
    [Description("Seed for the choice of users, photos, typings and impostors.")]
    public int Seed { get; init; } = 17;
}
