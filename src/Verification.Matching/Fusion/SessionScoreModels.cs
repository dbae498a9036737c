using System.Text.Json;
using System.Text.Json.Serialization;

namespace Verification.Matching.Fusion;

/// <summary>
/// <c>models/session-score-models.json</c>: the face and typing score distributions the session fusion uses and the
/// evidence levels at which it flags, fitted through this pipeline by <c>verification fit session-models</c>, with
/// where they came from. Our own fitted parameters, not third-party weights.
/// </summary>
public sealed record SessionScoreModels(
    string PipelineVersion,
    ScoreModelsProvenance Provenance,
    NormalScoreModel FaceGenuine,
    NormalScoreModel FaceImpostor,
    double FaceMismatchEvidence,
    string FaceOperatingPoint,
    NormalScoreModel TypingGenuine,
    NormalScoreModel TypingImpostor,
    double TypingMismatchEvidence,
    int TypingChecksPerSession,
    string TypingOperatingPoint,
    RefinedTypingModels RefinedTyping,
    double? TypingRefinementEvidence = null,
    string TypingRefinementPoint = "")
{
    public const string FileName = "session-score-models.json";

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static SessionScoreModels Load(string modelsDirectory)
    {
        var path = Path.Combine(modelsDirectory, FileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} is missing: run 'verification fit session-models'.", path);
        }

        return JsonSerializer.Deserialize<SessionScoreModels>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"{path} is empty.");
    }

    /// <summary>Values that would make the fusion meaningless, each with its reason; empty when usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        Check(problems, "face", FaceGenuine, FaceImpostor, FaceMismatchEvidence);
        Check(problems, "typing", TypingGenuine, TypingImpostor, TypingMismatchEvidence);
        if (RefinedTyping is null)
        {
            problems.Add("the refined typing models are missing: profiles refined by verified sessions need their own (refit).");
        }
        else
        {
            Check(problems, "refined typing", RefinedTyping.Genuine, RefinedTyping.Impostor, RefinedTyping.MismatchEvidence);
            CheckRefinement(problems, "refined typing", RefinedTyping.RefinementEvidence);
        }

        CheckRefinement(problems, "typing", TypingRefinementEvidence);

        if (TypingChecksPerSession < 1)
        {
            problems.Add($"typing checks per session is {TypingChecksPerSession}: the typing level was chosen for a number of checks, at least 1.");
        }

        return problems;
    }

    private static void CheckRefinement(List<string> problems, string name, double? refinement)
    {
        if (refinement is not >= 0 || double.IsPositiveInfinity(refinement.Value))
        {
            problems.Add($"the {name} refinement evidence is {refinement?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "missing"}: a verified session's typing refines the profile only above a fitted level of at least 0 (refit).");
        }
    }

    private static void Check(List<string> problems, string name, NormalScoreModel? genuine, NormalScoreModel? impostor, double mismatch)
    {
        if (genuine is null || impostor is null || !(genuine.Sd > 0) || !(impostor.Sd > 0))
        {
            problems.Add($"the {name} score models need a genuine and an impostor model with a positive sd.");
            return;
        }

        if (!(genuine.Mean > impostor.Mean))
        {
            problems.Add($"the {name} genuine mean {genuine.Mean} is not above the impostor mean {impostor.Mean}: the ratio would favour impostors.");
        }

        if (!(mismatch < 0))
        {
            problems.Add($"the {name} mismatch evidence {mismatch} is not negative: every session would be flagged.");
        }
    }
}

/// <summary>
/// The typing score models and level for profiles refined by verified sessions, fitted like the enrollment's on
/// <see cref="Population"/>, for the same number of checks per session.
/// </summary>
public sealed record RefinedTypingModels(
    string Population,
    int GenuineChecks,
    int ImpostorChecks,
    NormalScoreModel Genuine,
    NormalScoreModel Impostor,
    double MismatchEvidence,
    string OperatingPoint,
    double? RefinementEvidence = null,
    string RefinementPoint = "");

/// <summary>What the score models were fitted on and how: the command, data, people, counts and date.</summary>
public sealed record ScoreModelsProvenance(
    string Command,
    string Data,
    string FittedAt,
    string FacePopulation,
    int FaceIdentities,
    int FaceGenuineScores,
    int FaceImpostorScores,
    string TypingPopulation,
    int TypingSubjects,
    int TypingGenuineChecks,
    int TypingImpostorChecks,
    string DisjointFromEvaluation);
