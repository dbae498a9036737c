using System.Globalization;
using System.Text.Json.Nodes;
using Verification.Matching.Keystroke;
using Verification.Research.Keystroke;

namespace Verification.Cli.Keystroke;

/// <summary>FAR and FRR, pooled over subjects, when the configured threshold is applied to the cross-validated LLRs.</summary>
internal static class ShippedOperatingPoint
{
    public static JsonObject Report(Dictionary<int, SubjectScores[]> fused, FusionCalibration calibration, KeystrokeOptions options, int[] sizes)
    {
        var report = new JsonObject
        {
            ["target_far"] = options.TargetFalseAcceptRate,
            ["llr_threshold"] = RatesJson.Round(options.AcceptThreshold),
            ["calibration"] = new JsonObject { ["a"] = calibration.A, ["b"] = calibration.B },
            ["note"] = "FAR = share of impostor typings accepted, FRR = share of genuine typings rejected, pooled over the 51 subjects, cross-validated fusion models",
        };
        foreach (var kind in new[] { ImpostorKind.Paper, ImpostorKind.Practised })
        {
            var byN = new JsonObject();
            foreach (var n in sizes)
            {
                var (far, frr) = Rates(fused[n], calibration, options.AcceptThreshold, kind);
                byN[n.ToString(CultureInfo.InvariantCulture)] = new JsonObject { ["far"] = RatesJson.Round(far), ["frr"] = RatesJson.Round(frr) };
            }

            report[kind == ImpostorKind.Paper ? "paper" : "practised"] = byN;
        }

        report["frr_at_far_practised"] = FrrAtFar(fused, calibration, sizes);
        return report;
    }

    /// <summary>For other choices of operating point: FRR when the threshold is set for each FAR on that N's own practised impostors.</summary>
    private static JsonObject FrrAtFar(Dictionary<int, SubjectScores[]> fused, FusionCalibration calibration, int[] sizes)
    {
        var table = new JsonObject();
        foreach (var n in sizes)
        {
            var row = new JsonObject();
            foreach (var far in new[] { 0.01, 0.05, 0.10, 0.20 })
            {
                var threshold = OutOfFoldCalibration.Threshold(fused[n], calibration, far);
                row[far.ToString("0.00", CultureInfo.InvariantCulture)] = RatesJson.Round(Rates(fused[n], calibration, threshold, ImpostorKind.Practised).Frr);
            }

            table[n.ToString(CultureInfo.InvariantCulture)] = row;
        }

        return table;
    }

    public static (double Far, double Frr) Rates(SubjectScores[] scores, FusionCalibration calibration, double threshold, ImpostorKind kind)
    {
        long accepted = 0, impostors = 0, rejected = 0, genuine = 0;
        foreach (var s in scores)
        {
            foreach (var m in s.Impostors(kind))
            {
                accepted += calibration.LogLikelihoodRatio(m) >= threshold ? 1 : 0;
                impostors++;
            }

            foreach (var m in s.Genuine)
            {
                rejected += calibration.LogLikelihoodRatio(m) < threshold ? 1 : 0;
                genuine++;
            }
        }

        return ((double)accepted / impostors, (double)rejected / genuine);
    }
}
