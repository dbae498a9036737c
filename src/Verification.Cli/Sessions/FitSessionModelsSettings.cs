using System.ComponentModel;
using Spectre.Console.Cli;
using Verification.Cli.Face;

namespace Verification.Cli.Sessions;

internal sealed class FitSessionModelsSettings : FaceEngineSettings
{
    [CommandOption("--data <DIR>")]
    [Description("The shared evaluation data: face/lfw and keystroke/DSL-StrongPasswordData.csv under it.")]
    public string Data { get; init; } = "../shared/eval-data";

    [CommandOption("--out <DIR>")]
    [Description("Folder for the fit report: session-models.json (curves), session-models-face.png and session-models-typing.png.")]
    public string Out { get; init; } = "out/session-models";

    [CommandOption("--host-settings <FILE>")]
    [Description("The Host's appsettings.json: its Matching:Face gates and Proctoring:Sessions:Fusion decay and clipping are used.")]
    public string HostSettings { get; init; } = "src/Verification.Host/appsettings.json";

    [CommandOption("--dry-run")]
    [Description("Only the report: leave session-score-models.json in the models folder as it is.")]
    public bool DryRun { get; init; }

    [CommandOption("--impostor-identities <N>")]
    [Description("Other identities whose frames are scored against each template.")]
    public int ImpostorIdentities { get; init; } = 10;

    [CommandOption("--impostor-checks <N>")]
    [Description("Typings of one sitting of each other subject scored against each typing profile, 1 to 50 (every other subject is an impostor; an impostor session draws its checks from one of them).")]
    public int ImpostorChecks { get; init; } = 20;

    [CommandOption("--typing-impostors <RATE>")]
    [Description("Share of typing impostors the number of typing checks per session is chosen to catch (default 0.8).")]
    public double TypingImpostors { get; init; } = 0.8;

    [CommandOption("--seed <N>")]
    [Description("Seed for the order of identities, impostor choices and simulated sessions.")]
    public int Seed { get; init; } = 17;
}
