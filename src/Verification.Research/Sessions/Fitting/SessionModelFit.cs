using System.Globalization;
using Verification.Matching.Fusion;

namespace Verification.Research.Sessions.Fitting;

/// <summary>The chosen typing level and what it gives for one number of typing checks per session.</summary>
public sealed record TypingChecksPoint(int Checks, EvidencePoint Point);

/// <summary>The fitted models and the curves their evidence levels were chosen on.</summary>
public sealed record SessionModelFitResult(
    SessionScoreModels Models,
    FitTargets Targets,
    ScoreSpread FaceGenuine,
    ScoreSpread FaceImpostor,
    ScoreSpread TypingGenuine,
    ScoreSpread TypingImpostor,
    IReadOnlyList<EvidencePoint> FaceCurve,
    IReadOnlyList<EvidencePoint> TypingCurve,
    IReadOnlyList<TypingChecksPoint> TypingChecksTradeOff,
    ScoreSpread RefinedTypingGenuine,
    ScoreSpread RefinedTypingImpostor,
    IReadOnlyList<EvidencePoint> RefinedTypingCurve,
    IReadOnlyList<RefinementPoint> TypingRefinementCurve,
    IReadOnlyList<RefinementPoint> RefinedTypingRefinementCurve);

/// <summary>
/// Fits normal score models to the scores this pipeline produced, then chooses the face and typing evidence levels for
/// the stated operating points by replaying sessions through <see cref="SessionEvidence"/> with those models and the
/// configured decay and clipping. Refined typing profiles get their own model and the most sensitive level at the same
/// honest rate, for the number of checks the enrollment's profiles need.
/// </summary>
public static class SessionModelFit
{
    public static SessionModelFitResult Fit(
        FusionOptions fusion, FaceScores face, TypingScores typing, TypingScores refinedTyping, FitTargets targets, string pipelineVersion, ScoreModelsProvenance provenance, string refinedPopulation)
    {
        ArgumentNullException.ThrowIfNull(fusion);
        ArgumentNullException.ThrowIfNull(face);
        ArgumentNullException.ThrowIfNull(typing);
        ArgumentNullException.ThrowIfNull(refinedTyping);
        ArgumentNullException.ThrowIfNull(targets);
        var refined = new RefinedTypingModels(
            refinedPopulation, refinedTyping.AllGenuine.Count, refinedTyping.AllImpostor.Count,
            NormalScoreModel.Fit([.. refinedTyping.AllGenuine]), NormalScoreModel.Fit([.. refinedTyping.AllImpostor]), -1, "");
        var models = new SessionScoreModels(
            pipelineVersion, provenance,
            NormalScoreModel.Fit([.. face.Genuine]), NormalScoreModel.Fit([.. face.Impostor]), -1, "",
            NormalScoreModel.Fit([.. typing.AllGenuine]), NormalScoreModel.Fit([.. typing.AllImpostor]), -1, 0, "", refined);
        fusion.Apply(models);

        var honest = SessionEvidenceSimulation.HonestFaceMinima(fusion, face.Genuine, targets.HonestFrames, targets.FaceSessions, targets.Seed);
        var (impostor, within3) = SessionEvidenceSimulation.ImpostorFaceMinima(fusion, face.Genuine, face.Impostor, targets.ImpostorFrames, targets.SwapAfter, targets.FaceSessions, targets.Seed + 1);
        var faceCurve = EvidenceThreshold.Curve(honest, impostor, within3);
        var facePoint = EvidenceThreshold.Choose(faceCurve, targets.FaceHonestRate);

        // Honest sessions from one sitting of the learner, impostor sessions from one sitting of one other subject.
        IReadOnlyList<EvidencePoint> TypingCurve(FusionOptions options, TypingScores scores, int checks, int seed) => EvidenceThreshold.Curve(
            SessionEvidenceSimulation.TypingMinima(options, scores.Sittings, checks, scores.HonestSessionsPerSitting(targets.TypingSessionsPerSubject), seed),
            SessionEvidenceSimulation.TypingMinima(options, scores.Impostor, checks, scores.ImpostorSessionsPerPair(targets.TypingSessionsPerSubject), seed + 1));

        var tradeOff = new List<TypingChecksPoint>();
        var curves = new List<IReadOnlyList<EvidencePoint>>();
        for (var checks = 1; checks <= targets.MaxTypingChecks; checks++)
        {
            var curve = TypingCurve(fusion, typing, checks, targets.Seed + (2 * checks));
            tradeOff.Add(new TypingChecksPoint(checks, EvidenceThreshold.Choose(curve, targets.TypingHonestRate)));
            curves.Add(curve);
            if (tradeOff[^1].Point.ImpostorCaught.Rate >= targets.TypingImpostorRate)
            {
                break;
            }
        }

        var chosenChecks = TypingChecksChoice.Choose(tradeOff, targets);
        var typingChecks = chosenChecks.Checks;
        var typingPoint = chosenChecks.Point;
        var typingCurve = curves[typingChecks - 1];
        var refinedFusion = fusion.ForTypingProfile(refined: true);
        var refinedCurve = TypingCurve(refinedFusion, refinedTyping, typingChecks, targets.Seed + 100);
        var refinedPoint = EvidenceThreshold.Choose(refinedCurve, targets.TypingHonestRate);
        var chosen = models with
        {
            FaceMismatchEvidence = facePoint.Threshold,
            FaceOperatingPoint = Describe(facePoint, $"honest sessions of {targets.HonestFrames} frames", targets.FaceHonestRate, $"face impostors ({targets.SwapAfter} own frames, then {targets.ImpostorFrames - targets.SwapAfter} of another person)"),
            TypingMismatchEvidence = typingPoint.Threshold,
            TypingChecksPerSession = typingChecks,
            TypingOperatingPoint = Describe(typingPoint, $"honest sessions of {typingChecks} typing checks, by typing alone", targets.TypingHonestRate, $"typing impostors ({typingChecks} checks by another subject)")
                + "; " + TypingChecksChoice.Describe(typingChecks, typingPoint, targets),
            RefinedTyping = refined with
            {
                MismatchEvidence = refinedPoint.Threshold,
                OperatingPoint = Describe(refinedPoint, $"honest sessions of {typingChecks} typing checks against a refined profile, by typing alone", targets.TypingHonestRate, $"typing impostors ({typingChecks} checks by another subject)"),
            },
        };
        fusion.Apply(chosen);
        IReadOnlyList<RefinementPoint> RefinementCurve(FusionOptions options, TypingScores scores, int seed) => RefinementLevel.Curve(
            SessionEvidenceSimulation.TypingSessions(options, scores.Sittings, typingChecks, scores.HonestSessionsPerSitting(targets.TypingSessionsPerSubject), seed),
            SessionEvidenceSimulation.TypingSessions(options, scores.Impostor, typingChecks, scores.ImpostorSessionsPerPair(targets.TypingSessionsPerSubject), seed + 1));
        var refinementCurve = RefinementCurve(fusion, typing, targets.Seed + 200);
        var refinedRefinementCurve = RefinementCurve(fusion.ForTypingProfile(refined: true), refinedTyping, targets.Seed + 202);
        var refinement = RefinementLevel.Choose(refinementCurve, targets.TypingRefinementHonestRate);
        var refinedRefinement = RefinementLevel.Choose(refinedRefinementCurve, targets.TypingRefinementHonestRate);
        chosen = chosen with
        {
            TypingRefinementEvidence = refinement.Level,
            TypingRefinementPoint = Describe(refinement, typingChecks, targets.TypingRefinementHonestRate),
            RefinedTyping = chosen.RefinedTyping with
            {
                RefinementEvidence = refinedRefinement.Level,
                RefinementPoint = Describe(refinedRefinement, typingChecks, targets.TypingRefinementHonestRate),
            },
        };
        fusion.Apply(chosen);
        return new SessionModelFitResult(
            chosen, targets,
            ScoreSpread.Of(face.Genuine), ScoreSpread.Of(face.Impostor), ScoreSpread.Of(typing.AllGenuine), ScoreSpread.Of(typing.AllImpostor),
            faceCurve, typingCurve, tradeOff,
            ScoreSpread.Of(refinedTyping.AllGenuine), ScoreSpread.Of(refinedTyping.AllImpostor), refinedCurve,
            refinementCurve, refinedRefinementCurve);
    }

    private static string Describe(EvidencePoint point, string honest, double target, string impostors)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{honest} flagged {Percent(point.HonestFlagged)} (target at most {100 * target:0.###}%); {impostors} caught {Percent(point.ImpostorCaught)}");
        return point.ImpostorCaughtWithin3 is { } within3 ? text + ", within 3 impostor frames " + Percent(within3) : text;
    }

    private static string Describe(RefinementPoint point, int checks, double target) =>
        string.Create(CultureInfo.InvariantCulture, $"sessions of {checks} typing checks whose typing refines the profile: honest {Percent(point.HonestRefine)} (target at least {100 * target:0.#}%), typing impostors (one other subject typing every check) {Percent(point.ImpostorRefine)}");

    private static string Percent(WilsonInterval r) =>
        string.Create(CultureInfo.InvariantCulture, $"{100 * r.Rate:0.##}% [{100 * r.Low:0.##}, {100 * r.High:0.##}] of {r.Total}");
}
