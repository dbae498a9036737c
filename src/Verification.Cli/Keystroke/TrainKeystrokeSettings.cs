using System.ComponentModel;
using Spectre.Console.Cli;

namespace Verification.Cli.Keystroke;

internal sealed class TrainKeystrokeSettings : CommandSettings
{
    [CommandOption("--data <DIR>")]
    [Description("The folder holding DSL-StrongPasswordData.csv (the CMU benchmark).")]
    public string Data { get; init; } = "../shared/eval-data/keystroke";

    [CommandOption("--out <DIR>")]
    [Description("Where model.zip, calibration.json and MODEL_CARD.md go.")]
    public string Out { get; init; } = "models/keystroke";

    [CommandOption("--target-far <RATE>")]
    [Description("False-accept rate of the operating point, measured on practised impostors at N = 10.")]
    public double TargetFar { get; init; } = 0.10;
}
