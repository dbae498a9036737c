using ScottPlot;
using Verification.Research.Sessions;

namespace Verification.Cli.Sessions;

/// <summary>Typing alone: the learner's own sessions flagged against typing impostors caught, one curve per number of checks; the configured level marked.</summary>
internal static class TypingTradeOffPlot
{
    public static void Write(string path, IReadOnlyList<TypingTradeOffPoint> points, double configuredLevel)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var curves = points.GroupBy(p => p.Checks).OrderBy(g => g.Key).ToList();
        for (var i = 0; i < curves.Count; i++)
        {
            var curve = curves[i].OrderBy(p => p.OwnTypingFlagged.Rate).ThenBy(p => p.ImpostorsCaught.Rate).ToList();
            var line = plot.Add.Scatter(curve.Select(p => p.OwnTypingFlagged.Rate).ToArray(), curve.Select(p => p.ImpostorsCaught.Rate).ToArray());
            line.Color = palette.GetColor(i);
            line.LegendText = $"{curves[i].Key} checks";
            if (curve.FirstOrDefault(p => Math.Abs(p.Level - configuredLevel) < 1e-9) is { } at)
            {
                var marker = plot.Add.Marker(at.OwnTypingFlagged.Rate, at.ImpostorsCaught.Rate, MarkerShape.OpenCircle, 12);
                marker.Color = palette.GetColor(i);
            }
        }

        plot.Axes.SetLimits(0, 0.2, 0, 1.02);
        plot.Title($"Typing alone: own sessions flagged vs typing impostors caught over levels -2..-12 (circles: configured level {configuredLevel})");
        plot.XLabel("learner's own typing flagged (share of sessions)");
        plot.YLabel("typing impostors caught (share of sessions)");
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, 1100, 700);
    }
}
