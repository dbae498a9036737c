using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using Verification.Matching.Keystroke.FreeText;
using Verification.Research.Keystroke;

namespace Verification.Cli.FreeText;

/// <summary>
/// <c>verification fit freetext-model</c>: the free-text score model (log-distance models per amount of typing and the
/// flag levels) fitted on the Aalto subset through the service's own free-text profile; writes
/// out/freetext-model/freetext-score-model.json with its provenance. The Aalto licence allows it as an internal
/// evaluation set only, so the model is for evaluation and is never shipped (nothing under models/).
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

        var model = FreeTextModelFit.Fit(result, settings.Protocol());
        if (model.Problems() is [var unusable, ..])
        {
            AnsiConsole.MarkupLineInterpolated($"[red]the fitted model is unusable: {unusable}[/]");
            return 1;
        }

        Directory.CreateDirectory(settings.ModelOut);
        var path = Path.Combine(settings.ModelOut, FreeTextScoreModel.FileName);
        File.WriteAllText(path, JsonSerializer.Serialize(model, FreeTextScoreModel.Json) + "\n");
        foreach (var level in model.Levels)
        {
            AnsiConsole.MarkupLineInterpolated($"{level.OperatingPoint} (flag below {level.FlagBelow})");
        }

        AnsiConsole.MarkupLineInterpolated($"wrote [green]{path}[/]");
        AnsiConsole.MarkupLine("[yellow]fitted on the Aalto subset: for evaluation only (its licence), never shipped or copied into models/. A deployment fits its own model on typing it may use.[/]");
        return 0;
    }
}

internal sealed class FitFreeTextModelSettings : FreeTextSettings
{
    // Not models/: that folder ships, and a model fitted on Aalto is for evaluation only (its licence).
    [CommandOption("--out <DIR>")]
    [System.ComponentModel.Description("The folder freetext-score-model.json is written to. Fitted on Aalto it is for evaluation only (licence): never put it in models/, which ships.")]
    public string ModelOut { get; init; } = "out/freetext-model";
}
