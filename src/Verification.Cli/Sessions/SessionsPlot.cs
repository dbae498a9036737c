using ScottPlot;
using Verification.Research.Sessions;

namespace Verification.Cli.Sessions;

/// <summary>Share of sessions ending NeedsReview per kind, with 95% Wilson intervals: false alarms for honest kinds, catches for impostors.</summary>
internal static class SessionsPlot
{
    public static void Write(string path, IReadOnlyList<SessionKindSummary> kinds)
    {
        var plot = new Plot();
        var ticks = new List<Tick>();
        for (var i = 0; i < kinds.Count; i++)
        {
            var rate = kinds[i].NeedsReview;
            var honest = kinds[i].Kind is SessionKind.Honest or SessionKind.HonestDegraded;
            var bar = plot.Add.Bar(i, rate.Rate);
            bar.Color = honest ? Colors.OrangeRed : Colors.SteelBlue;
            var interval = plot.Add.Line(i, rate.Low, i, rate.High);
            interval.Color = Colors.Black;
            interval.LineWidth = 2;
            ticks.Add(new Tick(i, $"{kinds[i].Kind}\n{rate.Count}/{rate.Total}"));
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Axes.SetLimitsY(0, 1.05);
        plot.Title("Sessions ending NeedsReview (95% Wilson intervals): honest = false alarms, impostors = caught");
        plot.YLabel("share of sessions");
        plot.SavePng(path, 1100, 650);
    }
}
