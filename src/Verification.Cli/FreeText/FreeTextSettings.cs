using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using Verification.Research.Keystroke;

namespace Verification.Cli.FreeText;

internal abstract class FreeTextSettings : CommandSettings
{
    [CommandOption("--data <DIR>")]
    [Description("The keystroke evaluation data: aalto136m-subset/keystrokes under it.")]
    public string Data { get; init; } = "../shared/eval-data/keystroke";

    [CommandOption("--enrollment-sentences <N>")]
    [Description("Sentences of each participant that build the profile (7 is about 345 key presses).")]
    public int EnrollmentSentences { get; init; } = 7;

    [CommandOption("--amounts <LIST>")]
    [Description("Key presses of test typing, comma-separated.")]
    public string Amounts { get; init; } = string.Join(',', FreeTextProtocol.DefaultAmounts);

    [CommandOption("--impostors <N>")]
    [Description("Other participants whose typing is scored against each profile.")]
    public int Impostors { get; init; } = 30;

    [CommandOption("--seed <N>")]
    public int Seed { get; init; } = 17;

    public string AaltoDirectory => Path.Combine(Data, "aalto136m-subset", "keystrokes");

    public FreeTextProtocol Protocol() => new(
        EnrollmentSentences,
        [.. Amounts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(a => int.Parse(a, CultureInfo.InvariantCulture))],
        Impostors,
        Seed);

    public override ValidationResult Validate()
    {
        if (EnrollmentSentences < 1 || Impostors < 1)
        {
            return ValidationResult.Error("--enrollment-sentences and --impostors must be at least 1.");
        }

        return Amounts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .All(a => int.TryParse(a, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0)
            ? ValidationResult.Success()
            : ValidationResult.Error("--amounts must be positive whole numbers separated by commas.");
    }

    /// <summary>Loads the participants and runs the evaluation under a progress bar; null (with the reason shown) when the data is missing.</summary>
    public FreeTextResult? Evaluate()
    {
        if (!Directory.Exists(AaltoDirectory))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{AaltoDirectory} not found[/]: pass --data with the folder that holds aalto136m-subset.");
            return null;
        }

        FreeTextResult? result = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(progress =>
            {
                var files = Directory.GetFiles(AaltoDirectory, "*_keystrokes.txt").Order(StringComparer.Ordinal).ToList();
                var load = progress.AddTask("reading Aalto participants", maxValue: files.Count);
                var participants = new List<AaltoClassTyping>();
                foreach (var file in files)
                {
                    var typing = AaltoClassTyping.Load(file);
                    if (typing.ClassSentences.Count > 0)
                    {
                        participants.Add(typing);
                    }

                    load.Increment(1);
                }

                var score = progress.AddTask("scoring profiles (classes, full keys)", maxValue: 1);
                result = FreeTextEvaluation.Run(participants, Protocol(), done => score.Value = done);
            });
        return result;
    }
}

internal sealed class EvaluateFreeTextSettings : FreeTextSettings
{
    [CommandOption("--out <DIR>")]
    [Description("Where freetext.json and freetext-det.png go.")]
    public string Out { get; init; } = "out/freetext";
}
