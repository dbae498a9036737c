using System.Globalization;
using Spectre.Console;
using Verification.Matching.Keystroke;
using Verification.Research.Keystroke;

namespace Verification.Cli.Keystroke;

internal sealed record TrainedKeystrokeModel(double Threshold);

/// <summary>The work of <c>train keystroke</c>: cross-validate, calibrate, fit on everyone, write the artefacts.</summary>
internal static class KeystrokeModelTraining
{
    public static TrainedKeystrokeModel Run(string csv, TrainKeystrokeSettings settings, ProgressContext progress)
    {
        var load = progress.AddTask("CMU data through the reader", maxValue: 1);
        var corpus = CmuCorpus.Replay(CmuKeystrokeData.Load(csv));
        load.Increment(1);

        var cv = progress.AddTask("cross-validation, 5 subject-disjoint folds", maxValue: 2 * FusionCrossValidation.Folds);
        var sizes = CmuProtocol.EnrollmentSizes;
        var outOfFold = FusionCrossValidation.Run(corpus, FusionFeatureKind.Fused, sizes, _ => cv.Increment(1));
        var platt = OutOfFoldCalibration.Fit(outOfFold);
        var threshold = OutOfFoldCalibration.Threshold(outOfFold[KeystrokeProfile.MinimumEnrollmentSamples], platt, settings.TargetFar);

        var final = progress.AddTask("final model on all 51 subjects", maxValue: 1);
        var model = FusionTrainer.Train(FusionTrainingSet.Build(corpus.Subjects, FusionFeatureKind.Fused), FusionFeatures.Count);
        FusionTrainer.Save(model, Path.Combine(settings.Out, FusionModel.FileName));
        final.Increment(1);

        var calibration = new KeystrokeModelCalibration(
            platt.A, platt.B, FusionFeatures.Count, settings.TargetFar, threshold,
            "practised impostors (other subjects' session 5 reps 1-5), profiles of 10 typings, out-of-fold over 51 CMU subjects");
        KeystrokeModelFiles.WriteCalibration(settings.Out, calibration);
        ModelCard.Write(Path.Combine(settings.Out, KeystrokeModelFiles.ModelCard), outOfFold, calibration, sizes);
        return new TrainedKeystrokeModel(threshold);
    }
}
