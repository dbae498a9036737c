using System.Diagnostics;
using Verification.Matching.Face;
using Verification.Matching.Face.Inference;
using Verification.Matching.Face.Sessions;
using Verification.Testing;

namespace Verification.Matching.Tests.Face;

/// <summary>The per-model session choice, on the real models: configured levels are kept, measured ones are the fastest seen.</summary>
public sealed class SessionChoiceTests
{
    private static OnnxModel Landmark(GraphOptimization level) =>
        new(Path.Combine(RepositoryPaths.Models, FaceModels.FileOf(FaceModelKind.Landmark)), 1, level, FaceModels.OutputsOf(FaceModelKind.Landmark));

    [Fact]
    public void Uses_a_configured_level_without_measuring_that_model()
    {
        var options = new FaceOptions();
        options.Sessions.Fix(GraphOptimization.Basic);
        options.Sessions.Embedding.GraphOptimizationLevel = GraphOptimization.Disabled;
        options.Sessions.Eye.GraphOptimizationLevel = null;

        using var engine = FaceEngine.Load(RepositoryPaths.Models, options);

        var embedding = Assert.Single(engine.SessionChoices, c => c.Model == FaceModelKind.Embedding);
        Assert.Equal(GraphOptimization.Disabled, embedding.Level);
        Assert.Equal(GraphOptimization.Disabled, engine.Models.Feature.Level);
        Assert.Equal(GraphOptimization.Basic, engine.Models.Detect.Level);
        Assert.All(engine.SessionChoices.Where(c => c.Model != FaceModelKind.Eye), c =>
        {
            Assert.Equal(SessionChoiceSource.Configured, c.Source);
            Assert.Empty(c.Candidates);
        });
        var eye = Assert.Single(engine.SessionChoices, c => c.Model == FaceModelKind.Eye);
        Assert.Equal(SessionChoiceSource.Measured, eye.Source);
        Assert.Equal(eye.Level, engine.Models.Eye.Level);
    }

    [Fact]
    public void Stops_measuring_at_its_budget_and_keeps_the_candidate_with_the_lowest_median()
    {
        // No run limit: only the budget can end this measurement.
        var tuner = new SessionTuner(warmupRounds: 1, minRuns: 3, maxRuns: int.MaxValue / 2);
        var budget = TimeSpan.FromMilliseconds(2000);

        var watch = Stopwatch.StartNew();
        var (model, choice) = tuner.Measure(FaceModelKind.Landmark, Landmark, budget);
        var elapsed = watch.Elapsed;
        using (model)
        {
            // Past the deadline it finishes at most one step (a build or a run), which a loaded machine slows down.
            Assert.InRange(elapsed, budget, budget + TimeSpan.FromMilliseconds(1000));
            Assert.Equal(SessionChoiceSource.Measured, choice.Source);
            Assert.Equal(SessionTuner.Candidates, choice.Candidates.Select(c => c.Level));
            Assert.All(choice.Candidates, c => Assert.True(c.Runs >= tuner.MinRuns, $"{c.Level}: {c.Runs} runs"));
            var fastest = choice.Candidates.MinBy(c => c.MedianMilliseconds)!;
            Assert.Equal(fastest.Level, choice.Level);
            Assert.Equal(choice.Level, model.Level);
            Assert.Equal(fastest.MedianMilliseconds, choice.MedianMilliseconds);
        }
    }

    [Fact]
    public void Keeps_the_first_candidate_unmeasured_when_the_budget_allows_no_run()
    {
        var tuner = new SessionTuner();

        var (model, choice) = tuner.Measure(FaceModelKind.Landmark, Landmark, TimeSpan.Zero);

        using (model)
        {
            Assert.Equal(SessionChoiceSource.Unmeasured, choice.Source);
            Assert.Equal(SessionTuner.Candidates[0], choice.Level);
            Assert.Empty(choice.Candidates);
            Assert.Null(choice.MedianMilliseconds);
        }
    }

    [Fact]
    public void Measures_every_unconfigured_model_within_the_configured_total_budget()
    {
        var options = new FaceOptions();
        options.Sessions.MeasureBudgetMilliseconds = 1500;

        using var engine = FaceEngine.Load(RepositoryPaths.Models, options);

        // Past the budget a model still gets the one session it needs; builds and runs overrun by one step at most.
        Assert.InRange(engine.SessionMeasureTime, TimeSpan.Zero, TimeSpan.FromMilliseconds(1500 + 1000));
        Assert.True(engine.SessionChoiceTime >= engine.SessionMeasureTime);
        Assert.Equal(Enum.GetValues<FaceModelKind>(), engine.SessionChoices.Select(c => c.Model));
        Assert.All(engine.SessionChoices, c => Assert.NotEqual(SessionChoiceSource.Configured, c.Source));
    }

    [Fact]
    public void Names_the_setting_when_the_measurement_budget_is_out_of_range()
    {
        var options = new FaceOptions();
        options.Sessions.MeasureBudgetMilliseconds = 0;

        var problems = options.Sessions.Validate("Matching:Face:Sessions");

        Assert.Contains(problems, p => p.StartsWith("Matching:Face:Sessions:MeasureBudgetMilliseconds", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => FaceEngine.Load(RepositoryPaths.Models, options));
    }
}
