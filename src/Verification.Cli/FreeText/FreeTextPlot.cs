using ScottPlot;
using Verification.Research.Keystroke;

namespace Verification.Cli.FreeText;

/// <summary>DET curves (false rejects against false accepts) per amount of typing: key classes solid, full keys dashed.</summary>
internal static class FreeTextPlot
{
    public static void Write(string path, FreeTextResult result)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var colour = 0;
        foreach (var amount in result.Amounts.Where(a => a.Classes.IsMeasurable))
        {
            var c = palette.GetColor(colour++);
            Add(plot, amount.Classes, $"classes, {amount.Keystrokes} keys", c, LinePattern.Solid);
            Add(plot, amount.FullKeys, $"full keys, {amount.Keystrokes} keys", c, LinePattern.Dashed);
        }

        plot.Title("Free-text typing (Aalto subset): DET");
        plot.XLabel("false-accept rate (other participants accepted)");
        plot.YLabel("false-reject rate (own typing rejected)");
        plot.Axes.SetLimits(0, 0.5, 0, 0.5);
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 1000, 800);
    }

    private static void Add(Plot plot, FreeTextScores scores, string label, Color colour, LinePattern pattern)
    {
        if (!scores.IsMeasurable)
        {
            return;
        }

        var curve = scores.Rates().Curve();
        var line = plot.Add.ScatterLine(curve.Select(p => p.Fmr).ToArray(), curve.Select(p => p.Fnmr).ToArray());
        line.LegendText = label;
        line.Color = colour;
        line.LinePattern = pattern;
        line.LineWidth = 2;
    }
}
