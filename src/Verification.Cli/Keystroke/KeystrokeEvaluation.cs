using System.Text.Json.Nodes;
using Spectre.Console;
using Verification.Matching.Keystroke;
using Verification.Research.Keystroke;

namespace Verification.Cli.Keystroke;

/// <summary>Runs every part of the keystroke evaluation and assembles keystroke.json.</summary>
internal sealed class KeystrokeEvaluation(EvaluateKeystrokeSettings settings, KeystrokeOptions options, ProgressContext progress)
{
    /// <summary>Every sample is normalised against this many training-fold subjects: a fold trains on 40 or 41, less the author and the claimed one.</summary>
    private const int CohortSize = 36;

    public JsonObject Run(string csv)
    {
        var load = progress.AddTask("CMU data through the reader", maxValue: 1);
        var corpus = CmuCorpus.Replay(CmuKeystrokeData.Load(csv));
        load.Increment(1);

        var sizes = CmuProtocol.EnrollmentSizes;
        var report = new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["cmu"] = "Killourhy & Maxion, DSN 2009: DSL-StrongPasswordData.csv, 51 subjects x 400 typings of .tie5Roanl",
                ["subjects"] = corpus.Subjects.Count,
                ["samples_through_reader"] = corpus.Subjects.Count * corpus.Subjects[0].Samples.Length,
            },
            ["protocol"] = "reference_eval.py: enroll on the first N typings; genuine = sessions 5-8; paper impostors = session 1 reps 1-5 of the 50 others; practised impostors = session 5 reps 1-5 of the 50 others. Mean and sd over 51 subjects.",
        };

        report["detectors"] = Detectors(corpus, sizes, ImpostorKind.Paper, "detectors (paper protocol)");
        report["practised_detectors"] = Detectors(corpus, sizes, ImpostorKind.Practised, "detectors (practised impostors)");

        var fusedTask = progress.AddTask("fusion, 5 subject-disjoint folds", maxValue: 2 * FusionCrossValidation.Folds);
        var fused = FusionCrossValidation.Run(corpus, FusionFeatureKind.Fused, sizes, _ => fusedTask.Increment(1));
        var baseTask = progress.AddTask("no-profile baseline, same folds", maxValue: 2 * FusionCrossValidation.Folds);
        var noProfile = FusionCrossValidation.Run(corpus, FusionFeatureKind.NoProfile, sizes, _ => baseTask.Increment(1));

        report["fused"] = Fusion(fused, sizes, ImpostorKind.Paper);
        report["practised"] = Fusion(fused, sizes, ImpostorKind.Practised);
        var cohortTask = progress.AddTask("fusion with cohort T-norm (evaluation only), same folds", maxValue: 2 * FusionCrossValidation.Folds);
        var cohort = ScoreCohort.Build(corpus, CohortSize, [.. FusionTrainingSet.EnrollmentSizes, .. sizes]);
        var normalised = FusionCrossValidation.Run(corpus, FusionFeatureKind.Fused, sizes, _ => cohortTask.Increment(1), cohort);
        report["cohort_tnorm"] = Fusion(normalised, sizes, ImpostorKind.Paper);
        report["cohort_tnorm_practised"] = Fusion(normalised, sizes, ImpostorKind.Practised);
        report["no_profile"] = Fusion(noProfile, sizes, ImpostorKind.Paper);
        report["no_profile_practised"] = Fusion(noProfile, sizes, ImpostorKind.Practised);

        var calibration = OutOfFoldCalibration.Fit(fused);
        report["operating_point"] = ShippedOperatingPoint.Report(fused, calibration, options, sizes);

        var aaltoDirectory = KeystrokeDataPaths.Aalto(settings.Data);
        if (Directory.Exists(aaltoDirectory))
        {
            var aaltoTask = progress.AddTask("Aalto free text through the reader", maxValue: 1);
            report["aalto"] = AaltoReport.Run(aaltoDirectory);
            aaltoTask.Increment(1);
        }

        var plotTask = progress.AddTask("DET plot", maxValue: 1);
        report["plot"] = DetPlot.Write(Path.Combine(settings.Out, "keystroke-det.png"), fused, noProfile, calibration, options);
        plotTask.Increment(1);
        return report;
    }

    private JsonObject Detectors(CmuCorpus corpus, int[] sizes, ImpostorKind kind, string title)
    {
        var task = progress.AddTask(title, maxValue: sizes.Length * corpus.Subjects.Count);
        var result = new JsonObject();
        foreach (var name in DetectorEvaluation.Names)
        {
            result[name] = new JsonObject();
        }

        foreach (var n in sizes)
        {
            var rates = DetectorEvaluation.Run(corpus, n, kind, () => task.Increment(1));
            for (var d = 0; d < rates.Length; d++)
            {
                var cell = RatesJson.Of(rates[d]);
                if (n == 200 && kind == ImpostorKind.Paper && PaperFigures.For(DetectorEvaluation.Names[d]) is { } paper)
                {
                    cell["paper_eer"] = paper.Eer;
                    cell["paper_zero_miss_far"] = paper.ZeroMiss;
                }

                result[DetectorEvaluation.Names[d]]![n.ToString(System.Globalization.CultureInfo.InvariantCulture)] = cell;
            }
        }

        return result;
    }

    private static JsonObject Fusion(Dictionary<int, SubjectScores[]> scores, int[] sizes, ImpostorKind kind)
    {
        var result = new JsonObject();
        foreach (var n in sizes)
        {
            result[n.ToString(System.Globalization.CultureInfo.InvariantCulture)] = RatesJson.Of(FusionCrossValidation.Rates(scores[n], kind));
        }

        return result;
    }
}
