using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using Verification.Cli.Evaluation;
using Verification.Matching.Face;

namespace Verification.Cli.Face;

/// <summary><c>verification evaluate face</c>: verification error rates on an LFW-style pairs file.</summary>
internal sealed class EvaluateFaceCommand : Command<EvaluateFaceCommand.Settings>
{
    private static readonly double[] TargetFmrs = [0.01, 0.001];

    internal sealed class Settings : FaceEngineSettings
    {
        [CommandOption("--pairs <FILE>")]
        [Description("Pairs file: left<TAB>right<TAB>same[<TAB>fold], paths relative to --root.")]
        public required string Pairs { get; init; }

        [CommandOption("--root <DIR>")]
        [Description("Folder the pair paths are relative to.")]
        public required string Root { get; init; }

        [CommandOption("--out <DIR>")]
        [Description("Folder for face.json and the plots.")]
        public required string Out { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var pairs = PairList.Read(settings.Pairs);
        var images = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            foreach (var path in (ReadOnlySpan<string>)[pair.Left, pair.Right])
            {
                if (index.TryAdd(path, images.Count))
                {
                    images.Add(path);
                }
            }
        }

        var variant = settings.Variant();
        AnsiConsole.MarkupLine($"[grey]{Markup.Escape(FaceEngineSettings.Describe(variant))}[/]");
        var options = new FaceOptions();
        using var engine = FaceEngine.Load(settings.ModelsDirectory, options, variant);
        // The levels are measured at load, so the figures name the ones they were produced with.
        AnsiConsole.MarkupLine($"[grey]sessions: {Markup.Escape(string.Join(", ", engine.SessionChoices.Select(c => $"{c.Model} {c.Level} ({c.Source})")))}[/]");
        var started = DateTime.UtcNow;
        var analyses = FaceEmbedder.Embed(engine, images.ConvertAll(p => Path.Combine(settings.Root, p)), settings.Parallelism, "embedding images");
        var seconds = (DateTime.UtcNow - started).TotalSeconds;

        var failures = new List<string>();
        for (var i = 0; i < images.Count; i++)
        {
            if (analyses[i].Embedding is null)
            {
                failures.Add($"{images[i]}: {analyses[i].Rejection?.Code}");
            }
        }

        var scores = new double[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
        {
            var left = analyses[index[pairs[i].Left]].Embedding;
            var right = analyses[index[pairs[i].Right]].Embedding;
            // A failure to acquire is a non-match: the lowest possible cosine, never a dropped pair.
            scores[i] = left is null || right is null ? -1.0 : FaceEngine.Similarity(left, right);
        }

        var report = FaceReport.Build(pairs, scores, TargetFmrs);
        Directory.CreateDirectory(settings.Out);
        JsonReport.Write(Path.Combine(settings.Out, "face.json"), report with
        {
            Images = images.Count,
            FailureToAcquire = failures.Count,
            FailureToAcquireImages = failures,
            Variant = FaceEngineSettings.Describe(variant),
            PairsFile = Path.GetFileName(settings.Pairs),
            SecondsEmbedding = Math.Round(seconds, 1),
            AtConfiguredThreshold = FaceReport.Rates(pairs, scores).At(options.MatchThreshold),
        });
        var rates = FaceReport.Rates(pairs, scores);
        EvaluationPlots.RocAndDet(
            Path.Combine(settings.Out, "face-roc.png"), Path.Combine(settings.Out, "face-det.png"), "Face verification", [("LFW " + Path.GetFileName(settings.Pairs), rates)]);
        EvaluationPlots.Histogram(
            Path.Combine(settings.Out, "face-scores.png"), "Face cosine similarity", "genuine", rates.Genuine, "impostor", rates.Impostor,
            [("EER", report.EerThreshold), ("FMR 1%", report.ThresholdAtFmr["0.01"]), ("FMR 0.1%", report.ThresholdAtFmr["0.001"])]);

        AnsiConsole.MarkupLine(string.Create(
            CultureInfo.InvariantCulture,
            $"pairs {report.Pairs}, images {images.Count}, FTA {failures.Count}, EER {report.Eer:P2} (t {report.EerThreshold:0.0000}), " +
            $"FNMR@FMR1% {report.FnmrAtFmr["0.01"]:P2} (t {report.ThresholdAtFmr["0.01"]:0.0000}), FNMR@FMR0.1% {report.FnmrAtFmr["0.001"]:P2} (t {report.ThresholdAtFmr["0.001"]:0.0000}), {seconds:0}s"));
        return 0;
    }
}
