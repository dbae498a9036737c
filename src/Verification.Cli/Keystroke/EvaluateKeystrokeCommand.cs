using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Cli;
using Verification.Matching.Keystroke;

namespace Verification.Cli.Keystroke;

/// <summary>
/// <c>verification evaluate keystroke</c>: the detectors under the Killourhy &amp; Maxion 2009 protocol, the fusion
/// classifier under subject-disjoint cross-validation on three protocols, the shipped operating point, and the
/// Aalto free-text check; writes keystroke.json and a DET plot.
/// </summary>
internal sealed class EvaluateKeystrokeCommand : AsyncCommand<EvaluateKeystrokeSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, EvaluateKeystrokeSettings settings, CancellationToken cancellationToken)
    {
        var csv = KeystrokeDataPaths.Cmu(settings.Data);
        if (!File.Exists(csv))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{csv} not found[/]: pass --data with the folder that holds it.");
            return 2;
        }

        Directory.CreateDirectory(settings.Out);
        var options = KeystrokeOptionsFile.Read(settings.Models);
        JsonObject report = null!;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                report = await Task.Run(() => new KeystrokeEvaluation(settings, options, progress).Run(csv), cancellationToken);
            });

        var path = Path.Combine(settings.Out, "keystroke.json");
        await File.WriteAllTextAsync(path, report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
        KeystrokeSummaryTable.Write(report);
        AnsiConsole.MarkupLineInterpolated($"wrote [green]{path}[/]");
        return 0;
    }
}
