using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using Verification.Matching.Keystroke.FreeText;
using Verification.Research.Keystroke;

namespace Verification.Cli.FreeText;

/// <summary>
/// <c>verification fit freetext-model</c>: the free-text score model (log-distance models per amount of typing and the
/// flag levels) fitted on the Aalto subset through the service's own free-text profile; writes
/// models/freetext-score-model.json with its provenance.
/// </summary>
internal sealed class FitFreeTextModelCommand : Command<FitFreeTextModelSettings>
{
    public override int Execute(CommandContext context, FitFreeTextModelSettings settings, CancellationToken cancellationToken)
    {
        var result = settings.Evaluate();
        if (result is null)
        {
            return 2;
        }

        var protocol = settings.Protocol();
        var measurable = result.Amounts.Where(a => a.Classes.IsMeasurable).ToList();
        var provenance = new FreeTextModelProvenance(
            $"verification fit freetext-model --enrollment-sentences {protocol.EnrollmentSentences} --amounts {string.Join(',', protocol.Amounts)} --impostors {protocol.ImpostorsPerProfile} --seed {protocol.Seed}",
            "shared eval-data: Aalto 136M Keystrokes subset (keystroke/aalto136m-subset), 300 participants x 15 transcribed sentences",
            "Aalto data: non-commercial research use with attribution (Dhakal et al., CHI 2018). These fitted parameters derive from it: clear the licence before shipping them commercially.",
            DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture, $"first {protocol.EnrollmentSentences} sentences ({result.MeanEnrollmentKeystrokes:F0} key presses on average); test: the first n key presses of the other sentences; impostors: {protocol.ImpostorsPerProfile} other participants' test typing"),
            result.Participants,
            measurable.Sum(a => a.Classes.Genuine.Count),
            measurable.Sum(a => a.Classes.Impostor.Count));
        var model = FreeTextModelFit.Fit(result, provenance);
        if (model.Problems() is [var unusable, ..])
        {
            AnsiConsole.MarkupLineInterpolated($"[red]the fitted model is unusable: {unusable}[/]");
            return 1;
        }

        var path = Path.Combine(settings.ModelsDirectory, FreeTextScoreModel.FileName);
        File.WriteAllText(path, JsonSerializer.Serialize(model, FreeTextScoreModel.Json) + "\n");
        foreach (var level in model.Levels)
        {
            AnsiConsole.MarkupLineInterpolated($"{level.OperatingPoint} (flag below {level.FlagBelow})");
        }

        AnsiConsole.MarkupLineInterpolated($"wrote [green]{path}[/]");
        return 0;
    }
}

internal sealed class FitFreeTextModelSettings : FreeTextSettings
{
    [CommandOption("--models <DIR>")]
    [System.ComponentModel.Description("The models folder freetext-score-model.json is written to.")]
    public string ModelsDirectory { get; init; } = "models";
}
