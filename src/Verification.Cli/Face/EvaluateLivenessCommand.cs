using System.ComponentModel;
using System.Globalization;
using OpenCvSharp;
using Spectre.Console;
using Spectre.Console.Cli;
using Verification.Cli.Evaluation;
using Verification.Matching.Face;
using Verification.Research.Evaluation;

namespace Verification.Cli.Face;

/// <summary>
/// <c>verification evaluate liveness</c>: presentation-attack detection in ISO/IEC 30107-3 terms on spoof/labels.tsv.
/// APCER per attack type = share of attacks accepted as live; BPCER = share of real captures refused. A frame with no
/// face cannot be accepted, so it counts as refused on both sides, and is reported.
/// </summary>
internal sealed class EvaluateLivenessCommand : Command<EvaluateLivenessCommand.Settings>
{
    internal sealed class Settings : FaceEngineSettings
    {
        [CommandOption("--data <DIR>")]
        [Description("Spoof folder with labels.tsv (path, label, attack_type, subject, source).")]
        public required string Data { get; init; }

        [CommandOption("--out <DIR>")]
        public required string Out { get; init; }

        [CommandOption("--threshold <P>")]
        [Description("p(live) threshold (default: FaceOptions.LivenessThreshold).")]
        public float? Threshold { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var rows = new List<string[]>();
        foreach (var line in File.ReadLines(Path.Combine(settings.Data, "labels.tsv")))
        {
            var fields = line.Split('\t');
            if (line.Length > 0 && line[0] != '#' && fields.Length >= 5 && fields[1] is "real" or "attack")
            {
                rows.Add(fields);
            }
        }

        var options = new FaceOptions();
        var threshold = settings.Threshold ?? options.LivenessThreshold;
        using var engine = FaceEngine.Load(settings.ModelsDirectory, options, settings.Variant());
        var scores = new float?[rows.Count];
        ParallelProgress.Run("liveness", rows.Count, settings.Parallelism, i =>
            scores[i] = Score(engine, Path.Combine(settings.Data, rows[i][0])));

        var byType = new SortedDictionary<string, (int Total, int Accepted, int NoFace, List<double> Scores)>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var type = rows[i][1] == "real" ? "bona_fide" : rows[i][2];
            var entry = byType.TryGetValue(type, out var e) ? e : (Total: 0, Accepted: 0, NoFace: 0, Scores: new List<double>());
            entry.Total++;
            if (scores[i] is { } p)
            {
                entry.Scores.Add(p);
                entry.Accepted += p >= threshold ? 1 : 0;
            }
            else
            {
                entry.NoFace++;
            }

            byType[type] = entry;
        }

        var report = new Dictionary<string, object> { ["threshold"] = threshold, ["variant"] = FaceEngineSettings.Describe(settings.Variant()) };
        var attacks = new List<double>();
        foreach (var (type, e) in byType)
        {
            if (type == "bona_fide")
            {
                report["bpcer"] = new { rate = (double)(e.Total - e.Accepted) / e.Total, refused = e.Total - e.Accepted, total = e.Total, no_face = e.NoFace };
            }
            else
            {
                attacks.AddRange(e.Scores);
                report["apcer_" + type] = new { rate = (double)e.Accepted / e.Total, accepted = e.Accepted, total = e.Total, no_face = e.NoFace };
            }

            AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{type}: {e.Accepted}/{e.Total} accepted as live at p >= {threshold} ({e.NoFace} without a face)"));
        }

        var bonaFide = byType.TryGetValue("bona_fide", out var b) ? b.Scores : [];
        if (bonaFide.Count > 0 && attacks.Count > 0)
        {
            // Bona fide presentations play "genuine", attacks "impostor": then FMR is APCER and FNMR is BPCER.
            var rates = new ErrorRates(bonaFide, attacks);
            var (eer, eerThreshold) = rates.EqualErrorRate();
            report["eer_all_attacks"] = new { eer, threshold = eerThreshold };
            report["bpcer_at_apcer"] = new Dictionary<string, OperatingPoint> { ["0.05"] = rates.AtFmr(0.05), ["0.01"] = rates.AtFmr(0.01) };
            Directory.CreateDirectory(settings.Out);
            EvaluationPlots.Histogram(
                Path.Combine(settings.Out, "liveness-scores.png"), "Liveness p(live)", "bona fide", bonaFide, "attacks", attacks, [("threshold", threshold)], 40);
            EvaluationPlots.RocAndDet(
                Path.Combine(settings.Out, "liveness-roc.png"), Path.Combine(settings.Out, "liveness-det.png"), "Liveness (x: APCER, y: BPCER)", [("all attacks", rates)]);
        }

        JsonReport.Write(Path.Combine(settings.Out, "liveness.json"), report);
        return 0;
    }

    /// <summary>p(live) of the largest face, or null when none. Portrait scenes stored landscape are tried at 90° both ways.</summary>
    private static float? Score(FaceEngine engine, string path)
    {
        var bytes = File.ReadAllBytes(path);
        var analysis = engine.Analyze(bytes, QualityGateSettings.None, AnalysisScope.Liveness);
        if (analysis.Liveness is not null)
        {
            return analysis.Liveness;
        }

        using var image = Cv2.ImDecode(bytes, ImreadModes.Color);
        foreach (var rotation in (ReadOnlySpan<RotateFlags>)[RotateFlags.Rotate90Clockwise, RotateFlags.Rotate90Counterclockwise])
        {
            using var rotated = new Mat();
            Cv2.Rotate(image, rotated, rotation);
            var turned = engine.AnalyzeFrame(rotated, QualityGateSettings.None, AnalysisScope.Liveness);
            if (turned.Liveness is not null)
            {
                return turned.Liveness;
            }
        }

        return null;
    }
}
