using System.Globalization;
using Verification.Cli.Evaluation;
using Verification.Research.Evaluation;

namespace Verification.Cli.Face;

/// <summary>The content of face.json.</summary>
internal sealed record FaceReport(
    int Pairs,
    int GenuinePairs,
    int ImpostorPairs,
    double Eer,
    double EerThreshold,
    IReadOnlyDictionary<string, double> FnmrAtFmr,
    IReadOnlyDictionary<string, double> ThresholdAtFmr,
    IReadOnlyDictionary<string, OperatingPoint> OperatingPoints,
    IReadOnlyList<FoldResult> Folds,
    IReadOnlyDictionary<string, Spread> FoldSpread)
{
    public int Images { get; init; }

    public int FailureToAcquire { get; init; }

    public IReadOnlyList<string> FailureToAcquireImages { get; init; } = [];

    public string Variant { get; init; } = "";

    public string PairsFile { get; init; } = "";

    public double SecondsEmbedding { get; init; }

    /// <summary>Error rates at FaceOptions.MatchThreshold, the threshold the service uses.</summary>
    public OperatingPoint? AtConfiguredThreshold { get; init; }

    public static ErrorRates Rates(IReadOnlyList<FacePair> pairs, double[] scores, int fold = -1)
    {
        var genuine = new List<double>();
        var impostor = new List<double>();
        for (var i = 0; i < pairs.Count; i++)
        {
            if (fold >= 0 && pairs[i].Fold != fold)
            {
                continue;
            }

            (pairs[i].Same ? genuine : impostor).Add(scores[i]);
        }

        return new ErrorRates(genuine, impostor);
    }

    public static FaceReport Build(IReadOnlyList<FacePair> pairs, double[] scores, double[] targets)
    {
        var rates = Rates(pairs, scores);
        var (eer, eerThreshold) = rates.EqualErrorRate();
        var fnmr = new Dictionary<string, double>();
        var thresholds = new Dictionary<string, double>();
        var points = new Dictionary<string, OperatingPoint>();
        foreach (var target in targets)
        {
            var key = target.ToString(CultureInfo.InvariantCulture);
            var point = rates.AtFmr(target);
            fnmr[key] = point.Fnmr;
            thresholds[key] = point.Threshold;
            points[key] = point;
        }

        var folds = FoldResult.All(pairs, scores, targets);
        var spread = new Dictionary<string, Spread>();
        if (folds.Count > 1)
        {
            spread["eer"] = Spread.Of(folds.ConvertAll(f => f.Eer));
            foreach (var target in targets)
            {
                var key = target.ToString(CultureInfo.InvariantCulture);
                spread["fnmr_at_fmr_" + key + "_within_fold"] = Spread.Of(folds.ConvertAll(f => f.FnmrAtFmr[key]));
                spread["fnmr_at_fmr_" + key + "_threshold_from_other_folds"] = Spread.Of(folds.ConvertAll(f => f.HeldOut[key].Fnmr));
                spread["fmr_at_fmr_" + key + "_threshold_from_other_folds"] = Spread.Of(folds.ConvertAll(f => f.HeldOut[key].Fmr));
            }
        }

        return new FaceReport(pairs.Count, rates.Genuine.Count, rates.Impostor.Count, eer, eerThreshold, fnmr, thresholds, points, folds, spread);
    }
}

/// <summary>
/// One fold: its own EER and FNMR at FMR, and (as the LFW protocol asks) the error rates on this fold at the
/// threshold chosen on all the other folds.
/// </summary>
internal sealed record FoldResult(
    int Fold,
    double Eer,
    IReadOnlyDictionary<string, double> FnmrAtFmr,
    IReadOnlyDictionary<string, OperatingPoint> HeldOut)
{
    public static List<FoldResult> All(IReadOnlyList<FacePair> pairs, double[] scores, double[] targets)
    {
        var folds = new SortedSet<int>();
        foreach (var pair in pairs)
        {
            folds.Add(pair.Fold);
        }

        var results = new List<FoldResult>();
        if (folds.Count < 2)
        {
            return results;
        }

        foreach (var fold in folds)
        {
            var own = FaceReport.Rates(pairs, scores, fold);
            var otherGenuine = new List<double>();
            var otherImpostor = new List<double>();
            for (var i = 0; i < pairs.Count; i++)
            {
                if (pairs[i].Fold != fold)
                {
                    (pairs[i].Same ? otherGenuine : otherImpostor).Add(scores[i]);
                }
            }

            var others = new ErrorRates(otherGenuine, otherImpostor);
            var fnmr = new Dictionary<string, double>();
            var heldOut = new Dictionary<string, OperatingPoint>();
            foreach (var target in targets)
            {
                var key = target.ToString(CultureInfo.InvariantCulture);
                fnmr[key] = own.AtFmr(target).Fnmr;
                heldOut[key] = own.At(others.AtFmr(target).Threshold, target);
            }

            results.Add(new FoldResult(fold, own.EqualErrorRate().Eer, fnmr, heldOut));
        }

        return results;
    }
}
