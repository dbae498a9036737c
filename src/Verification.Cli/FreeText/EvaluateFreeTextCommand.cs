using Spectre.Console;
using Spectre.Console.Cli;
using Verification.Cli.Evaluation;

namespace Verification.Cli.FreeText;

/// <summary>
/// <c>verification evaluate freetext</c>: equal error rates of free-text typing on the Aalto subset at stated amounts
/// of typing, over the key classes the service uses and over full keys (what the classes cost); writes freetext.json
/// and a DET plot.
/// </summary>
internal sealed class EvaluateFreeTextCommand : Command<EvaluateFreeTextSettings>
{
    public override int Execute(CommandContext context, EvaluateFreeTextSettings settings, CancellationToken cancellationToken)
    {
        var result = settings.Evaluate();
        if (result is null)
        {
            return 2;
        }

        Directory.CreateDirectory(settings.Out);
        var report = FreeTextReport.Of(result, settings.Protocol());
        var json = Path.Combine(settings.Out, "freetext.json");
        JsonReport.Write(json, report);
        var png = Path.Combine(settings.Out, "freetext-det.png");
        FreeTextPlot.Write(png, result);
        var table = new Table().AddColumns("key presses", "participants", "EER classes", "EER full keys");
        foreach (var row in report.Amounts)
        {
            table.AddRow(row.Keystrokes.ToString(System.Globalization.CultureInfo.InvariantCulture), row.GenuineTests.ToString(System.Globalization.CultureInfo.InvariantCulture), Format(row.ClassesEer), Format(row.FullKeysEer));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"profiles from {settings.EnrollmentSentences} sentences ({result.MeanEnrollmentKeystrokes:F0} key presses on average); wrote [green]{json}[/] and [green]{png}[/]");
        return 0;
    }

    private static string Format(double? eer) => eer is { } e ? e.ToString("F4", System.Globalization.CultureInfo.InvariantCulture) : "not measurable";
}
