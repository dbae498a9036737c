using ScottPlot;
using Verification.Research.Sessions;
using Verification.Research.Sessions.Fitting;

namespace Verification.Cli.Sessions;

/// <summary>The curves the evidence levels were chosen on: face level against honest and impostor rates, typing checks against impostors caught.</summary>
internal static class SessionModelsPlot
{
    public static void Write(string facePath, string typingPath, SessionModelFitResult result)
    {
        var face = new Plot();
        var levels = result.FaceCurve.Select(p => p.Threshold).ToArray();
        Line(face, levels, [.. result.FaceCurve.Select(p => p.HonestFlagged)], "honest sessions flagged", Colors.OrangeRed);
        Line(face, levels, [.. result.FaceCurve.Select(p => p.ImpostorCaughtWithin3 ?? p.ImpostorCaught)], "face impostors caught within 3 frames", Colors.SteelBlue);
        face.Add.VerticalLine(result.Models.FaceMismatchEvidence).Color = Colors.Black;
        face.Title($"Face mismatch level (chosen {result.Models.FaceMismatchEvidence}); honest: {result.Targets.HonestFrames} frames");
        face.XLabel("decayed face evidence below which the flag fires (nats)");
        face.YLabel("share of sessions (95% Wilson)");
        face.ShowLegend();
        face.SavePng(facePath, 1000, 600);

        var typing = new Plot();
        var checks = result.TypingChecksTradeOff.Select(p => (double)p.Checks).ToArray();
        Line(typing, checks, [.. result.TypingChecksTradeOff.Select(p => p.Point.ImpostorCaught)], "typing impostors caught", Colors.SteelBlue);
        Line(typing, checks, [.. result.TypingChecksTradeOff.Select(p => p.Point.HonestFlagged)], "honest sessions flagged by typing alone", Colors.OrangeRed);
        typing.Title($"Typing checks per session, each at its level for honest flags <= {100 * result.Targets.TypingHonestRate}%");
        typing.XLabel("typing checks per session");
        typing.YLabel("share of sessions (95% Wilson)");
        typing.Axes.SetLimitsY(0, 1.05);
        typing.ShowLegend();
        typing.SavePng(typingPath, 1000, 600);
    }

    private static void Line(Plot plot, double[] x, IReadOnlyList<WilsonInterval> rates, string name, Color color)
    {
        var line = plot.Add.ScatterLine(x, [.. rates.Select(r => r.Rate)]);
        line.LegendText = name;
        line.Color = color;
        for (var i = 0; i < x.Length; i++)
        {
            plot.Add.Line(x[i], rates[i].Low, x[i], rates[i].High).Color = color.WithAlpha(0.4);
        }
    }
}
