using Verification.Matching.Fusion;
using Verification.Testing;

namespace Verification.Matching.Tests.Fusion;

public sealed class SessionScoreModelsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("score-models-").FullName;

    [Fact]
    public void The_shipped_score_models_were_fitted_on_this_pipeline_version()
    {
        var shipped = SessionScoreModels.Load(RepositoryPaths.Models);

        Assert.True(
            shipped.PipelineVersion == SessionPipeline.Version(RepositoryPaths.Models),
            $"models/{SessionScoreModels.FileName} was fitted on pipeline {shipped.PipelineVersion}, the models are now {SessionPipeline.Version(RepositoryPaths.Models)}: " +
            "run 'dotnet run --project src/Verification.Cli -c Release -- fit session-models --data ../shared/eval-data' and commit the file.");
    }

    [Fact]
    public void The_shipped_score_models_are_usable_and_name_what_they_were_fitted_on()
    {
        var shipped = SessionScoreModels.Load(RepositoryPaths.Models);

        Assert.Empty(shipped.Problems());
        Assert.True(shipped.Provenance.FaceGenuineScores > 100 && shipped.Provenance.FaceImpostorScores > 1000 && shipped.Provenance.TypingSubjects > 40);
        Assert.StartsWith("verification fit session-models", shipped.Provenance.Command, StringComparison.Ordinal);
    }

    [Fact]
    public void A_retrained_keystroke_calibration_makes_the_pipeline_a_new_version()
    {
        CopyModelFiles();
        var before = SessionPipeline.Version(_directory);
        var calibration = Path.Combine(_directory, "keystroke", "calibration.json");
        File.WriteAllText(calibration, File.ReadAllText(calibration).Replace("\"a\":", "\"a\" :", StringComparison.Ordinal));

        Assert.NotEqual(before, SessionPipeline.Version(_directory));
    }

    [Fact]
    public void Refuses_models_that_favour_impostors_or_flag_every_session()
    {
        var shipped = SessionScoreModels.Load(RepositoryPaths.Models);
        var reversed = shipped with { FaceGenuine = shipped.FaceImpostor, FaceImpostor = shipped.FaceGenuine };
        var flagsAll = shipped with { TypingMismatchEvidence = 0.5 };
        var refinedReversed = shipped with { RefinedTyping = shipped.RefinedTyping with { Genuine = shipped.RefinedTyping.Impostor, Impostor = shipped.RefinedTyping.Genuine } };
        var noRefined = shipped with { RefinedTyping = null! };
        var noRefinementLevel = shipped with { TypingRefinementEvidence = null };
        var negativeRefinementLevel = shipped with { RefinedTyping = shipped.RefinedTyping with { RefinementEvidence = -1 } };

        Assert.Contains(reversed.Problems(), p => p.Contains("face genuine mean", StringComparison.Ordinal));
        Assert.Contains(flagsAll.Problems(), p => p.Contains("typing mismatch evidence", StringComparison.Ordinal));
        Assert.Contains(refinedReversed.Problems(), p => p.Contains("refined typing genuine mean", StringComparison.Ordinal));
        Assert.Contains(noRefined.Problems(), p => p.Contains("refined typing models are missing", StringComparison.Ordinal));
        Assert.Contains(noRefinementLevel.Problems(), p => p.Contains("the typing refinement evidence is missing", StringComparison.Ordinal));
        Assert.Contains(negativeRefinementLevel.Problems(), p => p.Contains("the refined typing refinement evidence is -1", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_fitted_before_refinement_levels_is_refused_with_its_reason()
    {
        var shipped = File.ReadAllText(Path.Combine(RepositoryPaths.Models, SessionScoreModels.FileName));
        var withoutLevel = shipped[..shipped.IndexOf(",\n  \"typing_refinement_evidence\"", StringComparison.Ordinal)] + "\n}\n";
        File.WriteAllText(Path.Combine(_directory, SessionScoreModels.FileName), withoutLevel);

        var loaded = SessionScoreModels.Load(_directory);

        Assert.Contains(loaded.Problems(), p => p.Contains("the typing refinement evidence is missing", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("refined_typing", "refined typing models are missing")]
    [InlineData("typing_refinement_evidence", "the typing refinement evidence is missing")]
    public void A_file_fitted_before_a_section_was_added_is_refused_with_its_reason(string firstMissing, string reason)
    {
        var shipped = File.ReadAllText(Path.Combine(RepositoryPaths.Models, SessionScoreModels.FileName));
        var older = shipped[..shipped.IndexOf($",\n  \"{firstMissing}\"", StringComparison.Ordinal)] + "\n}\n";
        File.WriteAllText(Path.Combine(_directory, SessionScoreModels.FileName), older);

        var loaded = SessionScoreModels.Load(_directory);

        Assert.Contains(loaded.Problems(), p => p.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void A_refined_profile_is_judged_by_the_refined_typing_model_and_level_and_an_enrollment_profile_by_its_own()
    {
        var shipped = SessionScoreModels.Load(RepositoryPaths.Models);
        var options = new FusionOptions();
        options.Apply(shipped);

        var refined = options.ForTypingProfile(refined: true);

        Assert.Same(options, options.ForTypingProfile(refined: false));
        Assert.Equal(
            (shipped.RefinedTyping.Genuine.Mean, shipped.RefinedTyping.Impostor.Mean, TypingScoreModel.PooledSd(shipped.RefinedTyping.Genuine, shipped.RefinedTyping.Impostor), shipped.RefinedTyping.MismatchEvidence),
            (refined.TypingGenuineMean, refined.TypingImpostorMean, refined.TypingSd, refined.TypingMismatchEvidence));
        Assert.Equal((shipped.TypingGenuine.Mean, shipped.TypingMismatchEvidence), (options.TypingGenuineMean, options.TypingMismatchEvidence));
        Assert.Equal((options.MismatchEvidence, options.TypingChecksPerSession, options.Decay), (refined.MismatchEvidence, refined.TypingChecksPerSession, refined.Decay));
    }

    [Fact]
    public void Applied_models_replace_the_face_model_and_both_evidence_levels()
    {
        var shipped = SessionScoreModels.Load(RepositoryPaths.Models);
        var options = new FusionOptions();

        options.Apply(shipped);

        Assert.Equal((shipped.FaceGenuine.Mean, shipped.FaceImpostor.Sd, shipped.FaceMismatchEvidence), (options.GenuineMean, options.ImpostorSd, options.MismatchEvidence));
        Assert.Equal((shipped.TypingMismatchEvidence, shipped.TypingChecksPerSession, shipped.PipelineVersion), (options.TypingMismatchEvidence, options.TypingChecksPerSession, options.ScoreModelsVersion));
        Assert.Equal((shipped.TypingRefinementEvidence, shipped.RefinedTyping.RefinementEvidence), (options.TypingRefinementEvidence, options.ForTypingProfile(refined: true).TypingRefinementEvidence));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private void CopyModelFiles()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "keystroke"));
        File.Copy(Path.Combine(RepositoryPaths.Models, "manifest.json"), Path.Combine(_directory, "manifest.json"));
        foreach (var file in new[] { "model.zip", "calibration.json" })
        {
            File.Copy(Path.Combine(RepositoryPaths.Models, "keystroke", file), Path.Combine(_directory, "keystroke", file));
        }
    }
}
