using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using Verification.Cli.Evaluation;
using Verification.Matching.Face;
using Verification.Matching.Face.Templates;
using Verification.Research.Evaluation;

namespace Verification.Cli.Face;

/// <summary>
/// <c>verification evaluate face-template</c>: does enrolling from several frames beat one frame, and which
/// combination is best? On LFW identities with at least frames+1 images: the first <c>--frames</c> images enrol,
/// the rest probe; impostor scores are every template against every other identity's probes.
/// </summary>
internal sealed class EvaluateFaceTemplateCommand : Command<EvaluateFaceTemplateCommand.Settings>
{
    private static readonly double[] TargetFmrs = [0.01, 0.001];

    internal sealed class Settings : FaceEngineSettings
    {
        [CommandOption("--root <DIR>")]
        [Description("LFW folder: one sub-folder of images per identity.")]
        public required string Root { get; init; }

        [CommandOption("--out <DIR>")]
        public required string Out { get; init; }

        [CommandOption("--frames <N>")]
        [Description("Enrollment frames per template (default 3).")]
        public int Frames { get; init; } = 3;
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var identities = new List<(string Name, List<string> Files)>();
        foreach (var folder in Directory.EnumerateDirectories(settings.Root))
        {
            var files = new List<string>(Directory.EnumerateFiles(folder, "*.jpg"));
            if (files.Count > settings.Frames)
            {
                files.Sort(StringComparer.Ordinal);
                identities.Add((Path.GetFileName(folder), files));
            }
        }

        identities.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        var paths = new List<string>();
        foreach (var identity in identities)
        {
            paths.AddRange(identity.Files);
        }

        using var engine = FaceEngine.Load(settings.ModelsDirectory, new FaceOptions(), settings.Variant());
        var analyses = FaceEmbedder.Embed(engine, paths, settings.Parallelism, "embedding identities");
        var embeddings = new Dictionary<string, float[]?>(StringComparer.Ordinal);
        for (var i = 0; i < paths.Count; i++)
        {
            embeddings[paths[i]] = analyses[i].Embedding;
        }

        var enrolled = new List<(int Identity, float[][] Frames)>();
        var probes = new List<(int Identity, float[]? Embedding)>();
        var enrollmentFailures = 0;
        for (var id = 0; id < identities.Count; id++)
        {
            var frames = new List<float[]>();
            foreach (var file in identities[id].Files)
            {
                var embedding = embeddings[file];
                if (frames.Count < settings.Frames)
                {
                    // An enrollment frame with no face would be re-taken in the product, so it is skipped here.
                    if (embedding is null)
                    {
                        enrollmentFailures++;
                        continue;
                    }

                    frames.Add(embedding);
                }
                else
                {
                    probes.Add((id, embedding));
                }
            }

            if (frames.Count == settings.Frames)
            {
                enrolled.Add((id, [.. frames]));
            }
        }

        var methods = new (string Name, TemplateMethod? Method)[]
        {
            ("single frame", null),
            ("mean embedding", TemplateMethod.MeanEmbedding),
            ("best of", TemplateMethod.BestOf),
            ("mean score", TemplateMethod.MeanScore),
        };
        var results = new Dictionary<string, object>();
        var curves = new List<(string, ErrorRates)>();
        foreach (var (name, method) in methods)
        {
            var genuine = new List<double>();
            var impostor = new List<double>();
            foreach (var (identity, frames) in enrolled)
            {
                var scorers = new List<Func<float[], float>>();
                if (method is null)
                {
                    foreach (var frame in frames)
                    {
                        scorers.Add(p => FaceEngine.Similarity(frame, p));
                    }
                }
                else
                {
                    var template = FaceTemplate.Create(frames, method.Value);
                    scorers.Add(p => template.Score(p));
                }

                foreach (var (probeIdentity, probe) in probes)
                {
                    foreach (var score in scorers)
                    {
                        // A probe with no face is a non-match, as in evaluate face.
                        (probeIdentity == identity ? genuine : impostor).Add(probe is null ? -1.0 : score(probe));
                    }
                }
            }

            var rates = new ErrorRates(genuine, impostor);
            curves.Add((name, rates));
            var (eer, eerThreshold) = rates.EqualErrorRate();
            var points = new Dictionary<string, OperatingPoint>();
            foreach (var target in TargetFmrs)
            {
                points[target.ToString(CultureInfo.InvariantCulture)] = rates.AtFmr(target);
            }

            results[name] = new { eer, eer_threshold = eerThreshold, genuine = genuine.Count, impostors = impostor.Count, operating_points = points };
            AnsiConsole.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{name}: genuine {genuine.Count}, impostor {impostor.Count}, EER {eer:P2}, FNMR@FMR1% {points["0.01"].Fnmr:P2} (t {points["0.01"].Threshold:0.0000}), FNMR@FMR0.1% {points["0.001"].Fnmr:P2} (t {points["0.001"].Threshold:0.0000})"));
        }

        Directory.CreateDirectory(settings.Out);
        JsonReport.Write(Path.Combine(settings.Out, "face-template.json"), new
        {
            frames = settings.Frames,
            identities = enrolled.Count,
            probes = probes.Count,
            images = paths.Count,
            failure_to_acquire = Array.FindAll(analyses, a => a.Embedding is null).Length,
            enrollment_frames_skipped = enrollmentFailures,
            variant = FaceEngineSettings.Describe(settings.Variant()),
            methods = results,
        });
        EvaluationPlots.RocAndDet(
            Path.Combine(settings.Out, "face-template-roc.png"), Path.Combine(settings.Out, "face-template-det.png"), $"{settings.Frames}-frame templates vs single frames", curves);
        return 0;
    }
}
