using System.Globalization;
using Verification.Matching.Fusion;
using Verification.Matching.Keystroke.FreeText;

namespace Verification.Research.Keystroke;

/// <summary>
/// Fits <see cref="FreeTextScoreModel"/> from a free-text evaluation over key classes: per measurable amount, normal
/// models of the genuine and impostor log distances, and a flag level at or below the evidence of the genuine
/// <see cref="HonestQuantile"/> quantile both of the fitted normal and of the measured genuine scores (whose tail is
/// heavier than the normal's), so typing alone flags at most 1 − that share of the honest learners measured.
/// </summary>
internal static class FreeTextModelFit
{
    public const double HonestQuantile = 0.995;
    public const double LlrLimit = 6;

    /// <summary>The standard normal quantile at <see cref="HonestQuantile"/>.</summary>
    private const double HonestZ = 2.5758;

    /// <summary>What a model fitted on the Aalto subset says of its licence: evaluation only, never shipped.</summary>
    public const string AaltoLicence =
        "Aalto data: non-commercial research use with attribution (Dhakal et al., CHI 2018), used here as an internal evaluation set only. " +
        "A model fitted on it is for evaluation only and is not shipped; a deployment fits its own on typing it may use.";

    /// <summary>
    /// Evaluates <paramref name="participants"/> under <paramref name="protocol"/> and fits the model on the key-class
    /// scores, with the provenance of the Aalto subset; what both 'fit freetext-model' and 'evaluate sessions' use.
    /// </summary>
    public static FreeTextScoreModel FitOnAalto(IReadOnlyList<AaltoClassTyping> participants, FreeTextProtocol protocol) =>
        Fit(FreeTextEvaluation.Run(participants, protocol), protocol);

    /// <summary>The model of an evaluation of the Aalto subset under <paramref name="protocol"/>, with its provenance.</summary>
    public static FreeTextScoreModel Fit(FreeTextResult result, FreeTextProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(protocol);
        var measurable = result.Amounts.Where(a => a.Classes.IsMeasurable).ToList();
        var provenance = new FreeTextModelProvenance(
            Command(protocol),
            "shared eval-data: Aalto 136M Keystrokes subset (keystroke/aalto136m-subset), 300 participants x 15 transcribed sentences",
            AaltoLicence,
            DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture, $"first {protocol.EnrollmentSentences} sentences ({result.MeanEnrollmentKeystrokes:F0} key presses on average); test: the first n key presses of the other sentences; impostors: {protocol.ImpostorsPerProfile} other participants' test typing"),
            result.Participants,
            measurable.Sum(a => a.Classes.Genuine.Count),
            measurable.Sum(a => a.Classes.Impostor.Count));
        return Fit(result, provenance);
    }

    /// <summary>The 'fit freetext-model' command line that fits the same model.</summary>
    public static string Command(FreeTextProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"verification fit freetext-model --enrollment-sentences {protocol.EnrollmentSentences} --amounts {string.Join(',', protocol.Amounts)} --impostors {protocol.ImpostorsPerProfile} --seed {protocol.Seed}");
    }

    public static FreeTextScoreModel Fit(FreeTextResult result, FreeTextModelProvenance provenance)
    {
        ArgumentNullException.ThrowIfNull(result);
        var levels = new List<FreeTextScoreLevel>();
        foreach (var amount in result.Amounts.Where(a => a.Classes.IsMeasurable))
        {
            var genuine = NormalScoreModel.Fit([.. amount.Classes.Genuine]);
            var impostor = NormalScoreModel.Fit([.. amount.Classes.Impostor]);
            var level = new FreeTextScoreLevel(amount.Keystrokes, genuine, impostor, 0, "");
            var normalTail = level.LogLikelihoodRatio(genuine.Mean + (HonestZ * genuine.Sd));
            var measuredTail = level.LogLikelihoodRatio(AllowedWorst(amount.Classes.Genuine));
            var flagBelow = Math.Floor(Math.Min(Math.Min(normalTail, measuredTail), -1) * 100) / 100;
            var honest = Share(amount.Classes.Genuine, d => level.LogLikelihoodRatio(d) < flagBelow);
            var caught = Share(amount.Classes.Impostor, d => level.LogLikelihoodRatio(d) < flagBelow);
            var point = string.Create(
                CultureInfo.InvariantCulture,
                $"{amount.Keystrokes} key presses: honest typing flagged {honest.Share:P2} of {honest.Of}, impostor typing flagged {caught.Share:P2} of {caught.Of}");
            levels.Add(level with { FlagBelow = flagBelow, OperatingPoint = point });
        }

        return new FreeTextScoreModel(FreeTextPipeline.Version, provenance, LlrLimit, levels);
    }

    /// <summary>The largest genuine log distance that must stay unflagged: all but floor((1 − quantile)·n) of them do.</summary>
    private static double AllowedWorst(IReadOnlyList<double> genuine)
    {
        var sorted = genuine.OrderDescending().ToList();
        var allowed = (int)Math.Floor(((1 - HonestQuantile) * sorted.Count) + 1e-9);
        return sorted[Math.Min(allowed, sorted.Count - 1)];
    }

    private static (double Share, int Of) Share(IReadOnlyList<double> values, Func<double, bool> flagged) =>
        (values.Count == 0 ? 0 : (double)values.Count(flagged) / values.Count, values.Count);
}
