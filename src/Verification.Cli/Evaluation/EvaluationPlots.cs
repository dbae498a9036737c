using ScottPlot;
using Verification.Research.Evaluation;

namespace Verification.Cli.Evaluation;

/// <summary>PNG plots of evaluation results (ScottPlot). Generic: series are named by the caller.</summary>
internal static class EvaluationPlots
{
    private const int Width = 900;
    private const int Height = 650;

    /// <summary>ROC (TAR vs log FMR) and DET (log FNMR vs log FMR) side by side as two files.</summary>
    public static void RocAndDet(string rocPath, string detPath, string title, IReadOnlyList<(string Name, ErrorRates Rates)> series)
    {
        var roc = new Plot();
        var det = new Plot();
        foreach (var (name, rates) in series)
        {
            var curve = rates.Curve();
            var floor = 0.5 / Math.Max(rates.Impostor.Count, rates.Genuine.Count);
            var x = new double[curve.Count];
            var tar = new double[curve.Count];
            var fnmr = new double[curve.Count];
            for (var i = 0; i < curve.Count; i++)
            {
                // Log axes cannot show 0: rates of zero sit half a count below the smallest measurable one.
                x[i] = Math.Log10(Math.Max(curve[i].Fmr, floor));
                tar[i] = 1 - curve[i].Fnmr;
                fnmr[i] = Math.Log10(Math.Max(curve[i].Fnmr, floor));
            }

            var rocLine = roc.Add.ScatterLine(x, tar);
            rocLine.LegendText = name;
            var detLine = det.Add.ScatterLine(x, fnmr);
            detLine.LegendText = name;
        }

        roc.Title(title + " - ROC");
        roc.XLabel("false match rate (log10)");
        roc.YLabel("true match rate");
        roc.Axes.Bottom.TickGenerator = LogTicks();
        roc.ShowLegend();
        roc.SavePng(rocPath, Width, Height);

        det.Title(title + " - DET");
        det.XLabel("false match rate (log10)");
        det.YLabel("false non-match rate (log10)");
        det.Axes.Bottom.TickGenerator = LogTicks();
        det.Axes.Left.TickGenerator = LogTicks();
        det.ShowLegend();
        det.SavePng(detPath, Width, Height);
    }

    /// <summary>Histograms of two score populations with vertical lines at the given thresholds.</summary>
    public static void Histogram(
        string path, string title, string positiveName, IReadOnlyList<double> positive, string negativeName, IReadOnlyList<double> negative,
        IReadOnlyList<(string Name, double Threshold)> thresholds, int bins = 60)
    {
        var min = Math.Min(Min(positive), Min(negative));
        var max = Math.Max(Max(positive), Max(negative));
        var width = (max - min) / bins;
        if (width <= 0)
        {
            width = 1;
        }

        var plot = new Plot();
        AddBars(plot, positive, positiveName, min, width, bins, Colors.Green.WithAlpha(0.5));
        AddBars(plot, negative, negativeName, min, width, bins, Colors.Red.WithAlpha(0.5));
        foreach (var (name, threshold) in thresholds)
        {
            var line = plot.Add.VerticalLine(threshold);
            line.LegendText = $"{name} ({threshold:0.000})";
        }

        plot.Title(title);
        plot.XLabel("score");
        plot.YLabel("share of population");
        plot.ShowLegend();
        plot.SavePng(path, Width, Height);
    }

    private static void AddBars(Plot plot, IReadOnlyList<double> values, string name, double min, double width, int bins, Color color)
    {
        var counts = new double[bins];
        foreach (var v in values)
        {
            counts[Math.Clamp((int)((v - min) / width), 0, bins - 1)] += 1.0 / values.Count;
        }

        var positions = new double[bins];
        for (var i = 0; i < bins; i++)
        {
            positions[i] = min + ((i + 0.5) * width);
        }

        var bars = plot.Add.Bars(positions, counts);
        bars.LegendText = name;
        bars.Color = color;
        foreach (var bar in bars.Bars)
        {
            bar.Size = width;
            bar.LineWidth = 0;
        }
    }

    private static ScottPlot.TickGenerators.NumericAutomatic LogTicks() => new()
    {
        LabelFormatter = static v => Math.Pow(10, v).ToString("g3", System.Globalization.CultureInfo.InvariantCulture),
    };

    private static double Min(IReadOnlyList<double> values)
    {
        var min = double.MaxValue;
        foreach (var v in values)
        {
            min = Math.Min(min, v);
        }

        return min;
    }

    private static double Max(IReadOnlyList<double> values)
    {
        var max = double.MinValue;
        foreach (var v in values)
        {
            max = Math.Max(max, v);
        }

        return max;
    }
}
