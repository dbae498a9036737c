namespace Verification.Matching.Face.Sessions;

/// <summary>
/// <c>Matching:Face:Sessions</c>: how long start-up may spend measuring the candidate session settings, and any model
/// whose choice is fixed instead. The fastest level differs between machines (docs/evaluation/face.md, "Speed"), so
/// the default is to measure.
/// </summary>
public sealed class FaceSessionOptions
{
    public const int MinBudgetMilliseconds = 100;

    public const int MaxBudgetMilliseconds = 60_000;

    /// <summary>
    /// Wall-clock limit of the measurement: the other candidates' session builds and every timed run. The one session
    /// per model that loading needs anyway, built and run twice to size each model's share, comes before it.
    /// </summary>
    public int MeasureBudgetMilliseconds { get; set; } = 3000;

    public ModelSessionOptions Eye { get; set; } = new();

    public ModelSessionOptions Landmark { get; set; } = new();

    public ModelSessionOptions Detector { get; set; } = new();

    public ModelSessionOptions Pose { get; set; } = new();

    public ModelSessionOptions Liveness { get; set; } = new();

    public ModelSessionOptions Embedding { get; set; } = new();

    public ModelSessionOptions For(FaceModelKind model) => model switch
    {
        FaceModelKind.Eye => Eye,
        FaceModelKind.Landmark => Landmark,
        FaceModelKind.Detector => Detector,
        FaceModelKind.Pose => Pose,
        FaceModelKind.Liveness => Liveness,
        FaceModelKind.Embedding => Embedding,
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, null),
    };

    /// <summary>Sets every model's level, so nothing is measured (tests, or a machine measured once and pinned).</summary>
    public FaceSessionOptions Fix(GraphOptimization level)
    {
        foreach (var model in Enum.GetValues<FaceModelKind>())
        {
            For(model).GraphOptimizationLevel = level;
        }

        return this;
    }

    /// <summary>Problems with the bound values, each naming its setting; empty when usable.</summary>
    public IReadOnlyList<string> Validate(string section)
    {
        var problems = new List<string>();
        if (MeasureBudgetMilliseconds is < MinBudgetMilliseconds or > MaxBudgetMilliseconds)
        {
            problems.Add($"{section}:MeasureBudgetMilliseconds must be between {MinBudgetMilliseconds} and {MaxBudgetMilliseconds} (was {MeasureBudgetMilliseconds}).");
        }

        foreach (var model in Enum.GetValues<FaceModelKind>())
        {
            if (For(model).GraphOptimizationLevel is { } level && !Enum.IsDefined(level))
            {
                problems.Add($"{section}:{model}:GraphOptimizationLevel must be one of {string.Join(", ", Enum.GetNames<GraphOptimization>())} (was {(int)level}).");
            }
        }

        return problems;
    }
}
