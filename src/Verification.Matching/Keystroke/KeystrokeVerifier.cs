namespace Verification.Matching.Keystroke;

/// <summary>
/// Scores typing samples against learners' profiles with the committed fusion model. Thread-safe: create one per
/// process with <see cref="Load"/> and share it.
/// </summary>
public sealed class KeystrokeVerifier
{
    private readonly FusionModel _model;
    private readonly FusionCalibration _calibration;
    private readonly KeystrokeOptions _options;

    private KeystrokeVerifier(FusionModel model, FusionCalibration calibration, KeystrokeOptions options)
    {
        _model = model;
        _calibration = calibration;
        _options = options;
    }

    /// <summary>Loads <c>model.zip</c> and <c>calibration.json</c> from <paramref name="modelDirectory"/> (models/keystroke).</summary>
    public static KeystrokeVerifier Load(string modelDirectory, KeystrokeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var calibration = KeystrokeModelFiles.ReadCalibration(modelDirectory);
        if (calibration.FeatureCount != FusionFeatures.Count)
        {
            throw new InvalidDataException(
                $"The keystroke model in {modelDirectory} expects {calibration.FeatureCount} features; this build computes {FusionFeatures.Count}. Retrain it with 'verification train keystroke'.");
        }

        var model = FusionModel.Load(Path.Combine(modelDirectory, FusionModel.FileName), FusionFeatures.Count);
        return new KeystrokeVerifier(model, calibration.Platt, options);
    }

    public KeystrokeScore Score(KeystrokeProfile profile, KeystrokeSample sample)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(sample);
        if (!string.Equals(profile.Phrase, sample.Phrase, StringComparison.Ordinal) || profile.FeatureCount != sample.Features.Length)
        {
            throw new ArgumentException("The sample is not a typing of the profile's phrase.", nameof(sample));
        }

        // A constant-size vector of a few dozen floats: the stack is the cheapest place for it.
        Span<float> features = stackalloc float[FusionFeatures.Count];
        FusionFeatures.Compute(profile, sample, features);
        var llr = _calibration.LogLikelihoodRatio(_model.Score(features));
        return new KeystrokeScore(
            1.0 / (1.0 + Math.Exp(-llr)),
            llr >= _options.AcceptThreshold,
            _options.TargetFalseAcceptRate,
            llr);
    }
}
