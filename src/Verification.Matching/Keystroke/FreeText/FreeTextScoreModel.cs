using System.Text.Json;
using System.Text.Json.Serialization;
using Verification.Matching.Fusion;

namespace Verification.Matching.Keystroke.FreeText;

/// <summary>
/// For stated amounts of typing, the genuine and impostor distributions of the log of
/// <see cref="FreeTextComparison.Distance"/> and the evidence below which free-text typing alone flags, fitted by
/// <c>verification fit freetext-model</c> with its provenance. Typing shorter than the smallest level gives no evidence.
/// None is shipped: the one fitted on the Aalto subset is for evaluation only (its licence); a deployment fits its own
/// on typing it may use.
/// </summary>
public sealed record FreeTextScoreModel(
    string PipelineVersion,
    FreeTextModelProvenance Provenance,
    double LlrLimit,
    IReadOnlyList<FreeTextScoreLevel> Levels)
{
    public const string FileName = "freetext-score-model.json";

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Reads a fitted model; refuses one fitted on another free-text pipeline, whose distances mean something else.</summary>
    public static FreeTextScoreModel Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} is missing: run 'verification fit freetext-model'.", path);
        }

        var model = JsonSerializer.Deserialize<FreeTextScoreModel>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"{path} is empty.");
        if (model.PipelineVersion != FreeTextPipeline.Version)
        {
            throw new InvalidDataException(
                $"{path} was fitted on free-text pipeline {model.PipelineVersion}, this one is {FreeTextPipeline.Version}: fit it again with 'verification fit freetext-model'.");
        }

        return model;
    }

    /// <summary>The level for this much typing: the largest fitted amount not above it; null when there is too little.</summary>
    public FreeTextScoreLevel? LevelFor(int keystrokes) => Levels.Where(l => l.Keystrokes <= keystrokes).MaxBy(l => l.Keystrokes);

    /// <summary>The evidence of one comparison; null when the typing is too short or shares nothing with the profile.</summary>
    public FreeTextEvidence? Evidence(FreeTextComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        if (!comparison.IsComparable || LevelFor(comparison.Keystrokes) is not { } level)
        {
            return null;
        }

        var llr = Math.Clamp(level.LogLikelihoodRatio(Math.Log(Math.Max(comparison.Distance, 1e-6))), -LlrLimit, LlrLimit);
        return new FreeTextEvidence(llr, level.Keystrokes, comparison.Keystrokes, llr < level.FlagBelow, level.FlagBelow);
    }

    /// <summary>Values that would make the evidence meaningless, each with its reason; empty when usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Levels is null || Levels.Count == 0)
        {
            problems.Add("the free-text model has no levels.");
            return problems;
        }

        if (!(LlrLimit > 0))
        {
            problems.Add($"the free-text llr limit {LlrLimit} is not positive.");
        }

        foreach (var level in Levels)
        {
            if (level.Keystrokes < 1 || level.Genuine is null || level.Impostor is null || !(level.Genuine.Sd > 0) || !(level.Impostor.Sd > 0))
            {
                problems.Add($"level {level.Keystrokes}: needs a positive amount of typing and genuine and impostor models with a positive sd.");
            }
            else if (!(level.Genuine.Mean < level.Impostor.Mean))
            {
                problems.Add($"level {level.Keystrokes}: the genuine log distance {level.Genuine.Mean} is not below the impostor's {level.Impostor.Mean}.");
            }

            if (!(level.FlagBelow < 0))
            {
                problems.Add($"level {level.Keystrokes}: the flag level {level.FlagBelow} is not negative: every session would be flagged.");
            }
        }

        return problems;
    }
}

/// <summary>One amount of typing: the fitted log-distance models, the flag level and the operating point it gives.</summary>
public sealed record FreeTextScoreLevel(int Keystrokes, NormalScoreModel Genuine, NormalScoreModel Impostor, double FlagBelow, string OperatingPoint)
{
    /// <summary>
    /// The log-likelihood ratio of a log distance under the two models with their pooled sd: linear, so a typing more
    /// alike than the learner's usual never turns into evidence against them, as two unequal sds would make it.
    /// </summary>
    public double LogLikelihoodRatio(double logDistance)
    {
        var sd = TypingScoreModel.PooledSd(Genuine, Impostor);
        var midpoint = (Genuine.Mean + Impostor.Mean) / 2;
        return (Impostor.Mean - Genuine.Mean) / (sd * sd) * (midpoint - logDistance);
    }
}

/// <summary>What the free-text model was fitted on and how.</summary>
public sealed record FreeTextModelProvenance(string Command, string Data, string Licence, string FittedAt, string Enrollment, int Participants, int GenuineScores, int ImpostorScores);

/// <summary>
/// The free-text evidence of some typing: its log-likelihood ratio (positive: the learner), the level it was judged
/// at, the key presses it covers, and whether it is strong enough to flag by itself.
/// </summary>
public sealed record FreeTextEvidence(double LogLikelihoodRatio, int Level, int Keystrokes, bool Flags, double FlagBelow);
