using System.Globalization;
using System.Text;
using Verification.Matching.Keystroke;
using Verification.Research.Keystroke;

namespace Verification.Cli.Keystroke;

/// <summary>Writes models/keystroke/MODEL_CARD.md from the figures the training run measured.</summary>
internal static class ModelCard
{
    public static void Write(string path, Dictionary<int, SubjectScores[]> outOfFold, KeystrokeModelCalibration calibration, int[] sizes)
    {
        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine("# Keystroke fusion model").AppendLine();
        md.AppendLine(c, $"A user-independent classifier (ML.NET FastTree, 200 trees of 16 leaves) over {FusionFeatures.Count} length-normalised features");
        md.AppendLine("that compare a typing sample with the learner's enrollment profile: six anomaly detectors (scaled Manhattan, outlier");
        md.AppendLine("count, Mahalanobis, and nearest-neighbour Mahalanobis, scaled-Manhattan and whitened-Manhattan distances), most also");
        md.AppendLine("relative to how the enrollment samples score against their own profile, plus speed, hold and recency terms");
        md.AppendLine("(src/Verification.Matching/Keystroke/Fusion/FusionFeatures.cs). Its margin is Platt-scaled to a log-likelihood ratio.").AppendLine();
        md.AppendLine("## Data").AppendLine();
        md.AppendLine("CMU keystroke-dynamics benchmark, `DSL-StrongPasswordData.csv` (MD5 470235f96568f28f9ea0da62234ec857): 51 subjects");
        md.AppendLine("typing `.tie5Roanl` and Enter 400 times in 8 sessions. Cite: K. S. Killourhy and R. A. Maxion, \"Comparing");
        md.AppendLine("Anomaly-Detection Algorithms for Keystroke Dynamics\", DSN 2009, pp. 125-134. CMU offers the data to researchers and");
        md.AppendLine("asks for that citation; the data is not shipped, only this model trained on it. No Aalto data was used for training.").AppendLine();
        md.AppendLine("## Protocol").AppendLine();
        md.AppendLine("- Training rows: for each training subject, profiles of 10, 25, 50, 100 and 200 typings (sessions 1-4), genuine rows");
        md.AppendLine("  from sessions 5-8, impostor rows from the other training subjects' reps 6-8 of every session; classes weighted equally.");
        md.AppendLine("- Never trained on: session 1 reps 1-5 (the paper's impostors) or session 5 reps 1-5 (the practised impostors), of anyone.");
        md.AppendLine("- Figures: 5 subject-disjoint folds (subject index mod 5); each subject scored by a model that never saw them, under the");
        md.AppendLine("  Killourhy & Maxion protocol (enroll on the first N typings, genuine = sessions 5-8) with the paper's impostors");
        md.AppendLine("  (others' session 1 reps 1-5) and practised impostors (others' session 5 reps 1-5).");
        md.AppendLine("- The shipped model is the same recipe trained on all 51 subjects; calibration and threshold come from the out-of-fold margins.").AppendLine();
        md.AppendLine("## Figures (out-of-fold, mean EER (sd) over 51 subjects)").AppendLine();
        md.AppendLine("| protocol | " + string.Join(" | ", sizes.Select(n => $"N = {n}")) + " |");
        md.AppendLine("| --- |" + string.Concat(sizes.Select(_ => " --- |")));
        foreach (var kind in new[] { ImpostorKind.Paper, ImpostorKind.Practised })
        {
            md.Append(kind == ImpostorKind.Paper ? "| paper impostors |" : "| practised impostors |");
            foreach (var n in sizes)
            {
                var (mean, sd) = FusionCrossValidation.Rates(outOfFold[n], kind).Eer;
                md.Append(c, $" {mean:0.000} ({sd:0.000}) |");
            }

            md.AppendLine();
        }

        md.AppendLine();
        md.AppendLine(c, $"Calibration: LLR = {calibration.A:0.####} x margin + {calibration.B:0.####}. Operating point: LLR >= {calibration.Threshold:0.####},");
        md.AppendLine(c, $"the threshold at which a share of {calibration.TargetFalseAcceptRate:0.###} of the impostor typings was accepted; measured on {calibration.MeasuredOn}.").AppendLine();
        md.AppendLine("## Reproduce").AppendLine();
        md.AppendLine("```");
        md.AppendLine("dotnet run --project src/Verification.Cli -c Release -- train keystroke --data ../shared/eval-data/keystroke --out models/keystroke");
        md.AppendLine("dotnet run --project src/Verification.Cli -c Release -- evaluate keystroke --data ../shared/eval-data/keystroke --out out/keystroke");
        md.AppendLine("```");
        md.AppendLine("Full evaluation, with the single detectors and the no-profile baseline: docs/evaluation/keystroke.md.");
        File.WriteAllText(path, md.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
    }
}
