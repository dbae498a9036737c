using Spectre.Console;
using Spectre.Console.Cli;
using Verification.Matching.Keystroke;

namespace Verification.Cli.Keystroke;

/// <summary>
/// <c>verification train keystroke</c>: cross-validates the fusion classifier on the CMU benchmark to calibrate it and
/// choose the operating point, then trains the shipped model on all 51 subjects and writes it with its model card.
/// </summary>
internal sealed class TrainKeystrokeCommand : AsyncCommand<TrainKeystrokeSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, TrainKeystrokeSettings settings, CancellationToken cancellationToken)
    {
        var csv = KeystrokeDataPaths.Cmu(settings.Data);
        if (!File.Exists(csv))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{csv} not found[/]: pass --data with the folder that holds it.");
            return 2;
        }

        Directory.CreateDirectory(settings.Out);
        TrainedKeystrokeModel trained = null!;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                trained = await Task.Run(() => KeystrokeModelTraining.Run(csv, settings, progress), cancellationToken);
            });

        AnsiConsole.MarkupLineInterpolated($"wrote [green]{settings.Out}[/]: {FusionModel.FileName}, {KeystrokeModelFiles.Calibration}, {KeystrokeModelFiles.ModelCard}");
        AnsiConsole.WriteLine("Configuration (src/Verification.Host/appsettings.json, Matching:Keystroke):");
        AnsiConsole.WriteLine(System.FormattableString.Invariant(
            $"  \"TargetFalseAcceptRate\": {settings.TargetFar}, \"AcceptThreshold\": {trained.Threshold:0.######}"));
        return 0;
    }
}
