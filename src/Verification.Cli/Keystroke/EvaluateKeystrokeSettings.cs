using System.ComponentModel;
using Spectre.Console.Cli;

namespace Verification.Cli.Keystroke;

internal sealed class EvaluateKeystrokeSettings : CommandSettings
{
    [CommandOption("--data <DIR>")]
    [Description("The keystroke evaluation data: DSL-StrongPasswordData.csv and aalto136m-subset/.")]
    public string Data { get; init; } = "../shared/eval-data/keystroke";

    [CommandOption("--out <DIR>")]
    [Description("Where keystroke.json and the DET plot go.")]
    public string Out { get; init; } = "out/keystroke";

    [CommandOption("--models <DIR>")]
    [Description("The trained fusion model, whose shipped operating point is reported.")]
    public string Models { get; init; } = "models/keystroke";
}
