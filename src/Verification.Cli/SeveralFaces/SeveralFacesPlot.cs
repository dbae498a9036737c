using ScottPlot;

namespace Verification.Cli.SeveralFaces;

/// <summary>Second faces by relative width and detector score: background faces that fire today against composites, with the configured limits.</summary>
internal static class SeveralFacesPlot
{
    public static void Write(string path, IReadOnlyList<SecondFacePoint> firingToday, IReadOnlyList<SecondFacePoint> composites, float minRelativeWidth, float minScore)
    {
        var plot = new Plot();
        var c = plot.Add.ScatterPoints(composites.Select(p => p.RelativeWidth).ToArray(), composites.Select(p => p.Score).ToArray());
        c.Color = Colors.SteelBlue.WithAlpha(0.5);
        c.MarkerSize = 4;
        c.LegendText = $"composite: second person over the shoulder ({composites.Count})";
        var b = plot.Add.ScatterPoints(firingToday.Select(p => p.RelativeWidth).ToArray(), firingToday.Select(p => p.Score).ToArray());
        b.Color = Colors.OrangeRed;
        b.MarkerSize = 7;
        b.LegendText = $"LFW photo that fires today: its second face ({firingToday.Count})";
        var v = plot.Add.VerticalLine(minRelativeWidth);
        v.Color = Colors.Black;
        v.LinePattern = LinePattern.Dashed;
        var h = plot.Add.HorizontalLine(minScore);
        h.Color = Colors.Black;
        h.LinePattern = LinePattern.Dashed;
        plot.Axes.SetLimits(0, 1.6, 0.6, 1.01);
        plot.Title("Second faces: width relative to the learner's face and detector score (dashed: configured limits)");
        plot.XLabel("second face width / learner face width");
        plot.YLabel("detector score");
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, 1100, 700);
    }
}
