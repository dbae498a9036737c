using System.Text.Json.Nodes;
using ScottPlot;
using Verification.Matching.Keystroke;
using Verification.Research.Keystroke;

namespace Verification.Cli.Keystroke;

/// <summary>
/// DET curves (FRR against FAR) of the calibrated fusion output, pooled over subjects (calibrated LLRs are comparable
/// across learners), for the paper and practised-impostor protocols and the no-profile baseline, with the shipped
/// operating point marked.
/// </summary>
internal static class DetPlot
{
    private const int Points = 400;

    public static JsonObject Write(string path, Dictionary<int, SubjectScores[]> fused, Dictionary<int, SubjectScores[]> noProfile,
        FusionCalibration calibration, KeystrokeOptions options)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var colour = 0;
        foreach (var n in CmuProtocol.EnrollmentSizes)
        {
            var c = palette.GetColor(colour++);
            Add(plot, fused[n], ImpostorKind.Paper, $"fused, paper, N={n}", c, LinePattern.Solid);
            Add(plot, fused[n], ImpostorKind.Practised, $"fused, practised, N={n}", c, LinePattern.Dashed);
        }

        Add(plot, noProfile[50], ImpostorKind.Paper, "no profile, paper, N=50", palette.GetColor(colour++), LinePattern.Dotted);
        Add(plot, noProfile[50], ImpostorKind.Practised, "no profile, practised, N=50", palette.GetColor(colour), LinePattern.Dotted);

        var (far, frr) = ShippedOperatingPoint.Rates(fused[10], calibration, options.AcceptThreshold, ImpostorKind.Practised);
        var marker = plot.Add.Marker(far, frr);
        marker.LegendText = "shipped threshold, practised, N=10";
        marker.MarkerSize = 10;

        plot.Title("Keystroke fusion (CMU, subject-disjoint CV): DET");
        plot.XLabel("false-accept rate (impostor typings accepted)");
        plot.YLabel("false-reject rate (genuine typings rejected)");
        plot.Axes.SetLimits(0, 0.5, 0, 0.5);
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 1000, 800);
        return new JsonObject { ["det_png"] = Path.GetFileName(path) };
    }

    private static void Add(Plot plot, SubjectScores[] scores, ImpostorKind kind, string label, Color colour, LinePattern pattern)
    {
        var genuine = new List<double>();
        var impostor = new List<double>();
        foreach (var s in scores)
        {
            genuine.AddRange(s.Genuine);
            impostor.AddRange(s.Impostors(kind));
        }

        genuine.Sort();
        impostor.Sort();
        var lo = Math.Min(genuine[0], impostor[0]);
        var hi = Math.Max(genuine[^1], impostor[^1]);
        var xs = new double[Points];
        var ys = new double[Points];
        for (var i = 0; i < Points; i++)
        {
            var t = lo + ((hi - lo) * i / (Points - 1));
            xs[i] = 1.0 - (LowerBound(impostor, t) / (double)impostor.Count);
            ys[i] = LowerBound(genuine, t) / (double)genuine.Count;
        }

        var line = plot.Add.ScatterLine(xs, ys);
        line.LegendText = label;
        line.Color = colour;
        line.LinePattern = pattern;
        line.LineWidth = 2;
    }

    /// <summary>How many sorted values are below <paramref name="t"/> (those are rejected at threshold t).</summary>
    private static int LowerBound(List<double> sorted, double t)
    {
        int lo = 0, hi = sorted.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid] < t)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
