using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Verification.BuildingBlocks;
using Verification.Matching.Keystroke.FreeText;
using Verification.Matching.Tests.Keystroke.FreeText;
using Verification.Proctoring.Contracts.Player;
using Verification.Proctoring.Identity;
using Verification.Proctoring.Sessions.AnswerTyping;
using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.AnswerTyping;

/// <summary>
/// With an operator-fitted free-text model configured (here one fitted through the real fitting code on made-up
/// typists), an impostor's answer typing raises TypingMismatch exactly when the model says the evidence is strong
/// enough: never for too little typing, never for the learner's own; and only typing whose evidence favours the
/// learner refines their free-text profile.
/// </summary>
public sealed class FreeTextModelScenarioTests
{
    private const int Learner = 101;
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public Task An_impostors_answer_typing_flags_only_when_the_configured_model_says_it_is_strong_enough() =>
        WithConfiguredModelAsync(async (app, model) =>
        {
            var profile = AnswerTypings.Profile(Learner, SyntheticFreeTextModel.Protocol.EnrollmentSentences);
            var impostor = Enumerable.Range(200, 60).Select(seed => (Seed: seed, Batches: AnswerTypings.Of(seed, 300)))
                .First(i => model.Evidence(profile.Compare(AnswerTypings.Typing(i.Batches)))?.Flags == true);
            var genuine = AnswerTypings.Of(Learner, 300, skip: SyntheticFreeTextModel.Protocol.EnrollmentSentences);
            Assert.False(model.Evidence(profile.Compare(AnswerTypings.Typing(genuine)))!.Flags);
            Assert.Null(model.Evidence(profile.Compare(AnswerTypings.Typing(impostor.Batches.Take(1)))));

            var (shortFlags, shortStored) = await SessionAsync(app, profile, impostor.Batches.Take(1));
            var (impostorFlags, impostorStored) = await SessionAsync(app, profile, impostor.Batches);
            var (genuineFlags, genuineStored) = await SessionAsync(app, profile, genuine);

            Assert.DoesNotContain("TypingMismatch", shortFlags);
            Assert.Equal((50, false, true, false), (shortStored.KeyPresses, shortStored.Fused, shortStored.ModelConfigured, shortStored.Flagged));
            Assert.Contains("TypingMismatch", impostorFlags);
            Assert.Equal((300, true, true), (impostorStored.KeyPresses, impostorStored.Fused, impostorStored.Flagged));
            Assert.True(impostorStored.LogLikelihoodRatio < 0);
            Assert.DoesNotContain("TypingMismatch", genuineFlags);
            Assert.Equal((300, true, false), (genuineStored.KeyPresses, genuineStored.Fused, genuineStored.Flagged));
        });

    [Fact]
    public Task Only_answer_typing_that_favours_the_learner_refines_the_free_text_profile_of_a_verified_session() =>
        WithConfiguredModelAsync(async (app, model) =>
        {
            var profile = AnswerTypings.Profile(Learner, SyntheticFreeTextModel.Protocol.EnrollmentSentences);
            var genuine = AnswerTypings.Of(Learner, 300, skip: SyntheticFreeTextModel.Protocol.EnrollmentSentences);
            // Answer typing that escapes the flag while leaning against the learner (the learner's typist a little slower:
            // the synthetic model tells other typists apart at once): what must not become the profile.
            var escaped = Enumerable.Range(1, 200).Select(k => AnswerTypings.Of(Learner, 300, tempo: 1 + (0.001 * k), skip: SyntheticFreeTextModel.Protocol.EnrollmentSentences))
                .First(b => model.Evidence(profile.Compare(AnswerTypings.Typing(b))) is { Flags: false, LogLikelihoodRatio: < 0 });

            var (genuineVerdict, genuineStored, genuineKeys) = await VerifiedSessionAsync(app, profile, genuine);
            var (escapedVerdict, escapedStored, escapedKeys) = await VerifiedSessionAsync(app, profile, escaped);

            Assert.Equal(("Verified", false), (genuineVerdict, genuineStored.Flagged));
            Assert.True(genuineStored.LogLikelihoodRatio >= 0);
            Assert.Equal((profile.Keystrokes + 300, 1), genuineKeys);
            Assert.Equal(("Verified", false), (escapedVerdict, escapedStored.Flagged));
            Assert.True(escapedStored.LogLikelihoodRatio < 0);
            Assert.Equal((profile.Keystrokes, 0), escapedKeys);
        });

    [Fact]
    public void A_configured_model_that_is_missing_or_of_another_pipeline_version_stops_the_start()
    {
        var path = Path.Combine(Path.GetTempPath(), $"freetext-model-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(SyntheticFreeTextModel.Model with { PipelineVersion = "f0-0000000000000000" }, FreeTextScoreModel.Json));
        try
        {
            var other = Assert.Throws<SettingInvalidException>(() => new FreeTextSettings { ScoreModelPath = path }.LoadModel());
            var missing = Assert.Throws<SettingInvalidException>(() => new FreeTextSettings { ScoreModelPath = path + ".gone" }.LoadModel());

            Assert.Contains("fitted on free-text pipeline f0-0000000000000000", other.Message, StringComparison.Ordinal);
            Assert.Contains("is missing", missing.Message, StringComparison.Ordinal);
            Assert.Null(new FreeTextSettings().LoadModel());
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Runs <paramref name="test"/> against a Host configured with the synthetic free-text model, written to a file of its own.</summary>
    private static async Task WithConfiguredModelAsync(Func<ProctoringApp, FreeTextScoreModel, Task> test)
    {
        var model = SyntheticFreeTextModel.Model;
        var path = Path.Combine(Path.GetTempPath(), $"freetext-model-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(model, FreeTextScoreModel.Json), Cancel);
        try
        {
            await using var app = ProctoringApp.With(new Dictionary<string, string> { ["Proctoring:FreeText:ScoreModelPath"] = path });
            await app.InitializeAsync();
            await test(app, model);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A session of a new enrolled learner whose free-text profile is <paramref name="profile"/>, with only this answer typing.</summary>
    private static async Task<(string[] Flags, SessionFreeText Stored)> SessionAsync(ProctoringApp app, FreeTextProfile profile, IEnumerable<AnswerTypingBatch> batches)
    {
        var learner = await LearnerWithAsync(app, profile);
        await using var player = await Hubs.StartSessionAsync(app, "messagepack", learner);
        await SendAsync(player, batches);
        var verdict = await player.EndAsync();
        var stored = await SessionEvidenceRows.ReadAsync(app, player.SessionId);
        return ([.. verdict.Flags.Select(f => f.Kind)], Assert.IsType<SessionFreeText>(stored.FreeText));
    }

    /// <summary>
    /// A session the machine verifies (the learner's own frames and typing check) of a new learner whose free-text profile
    /// is <paramref name="profile"/>, with this answer typing; then the profile's key presses and refinements.
    /// </summary>
    private static async Task<(string Verdict, SessionFreeText Stored, (int Keystrokes, int Refinements) Profile)> VerifiedSessionAsync(
        ProctoringApp app, FreeTextProfile profile, IEnumerable<AnswerTypingBatch> batches)
    {
        var learner = await LearnerWithAsync(app, profile);
        await using var player = await Hubs.StartSessionAsync(app, "json", learner);
        foreach (var frame in FaceSet.Enrolled.SessionFrames)
        {
            await player.SendFrameAndWaitAsync(frame);
        }

        Assert.True((await player.SendKeystrokesAsync(FaceSet.Enrolled.TypingCheck(0))).Usable);
        await SendAsync(player, batches);
        var verdict = await player.EndAsync();
        var stored = await SessionEvidenceRows.ReadAsync(app, player.SessionId);
        var after = await app.Factory.Services.GetRequiredService<IdentityProfiles>().LoadAsync(learner.LearnerId, Cancel);
        await using var connection = await app.DataSource.OpenConnectionAsync(Cancel);
        var refinements = await connection.ExecuteScalarAsync<int>(
            "SELECT free_text_refinements FROM proctoring.identity_profiles WHERE learner_id = @LearnerId", new { learner.LearnerId });
        return (verdict.Verdict, Assert.IsType<SessionFreeText>(stored.FreeText), (after!.FreeText!.Keystrokes, refinements));
    }

    private static async Task<TestLearner> LearnerWithAsync(ProctoringApp app, FreeTextProfile profile)
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        var sealedProfile = await app.Factory.Services.GetRequiredService<FreeTextProfiles>().SealAsync(learner.LearnerId, profile, Cancel);
        await using var connection = await app.DataSource.OpenConnectionAsync(Cancel);
        await connection.ExecuteAsync(
            "UPDATE proctoring.identity_profiles SET free_text_profile = @Payload, free_text_profile_key_id = @KeyId WHERE learner_id = @LearnerId",
            new { sealedProfile.Payload, sealedProfile.KeyId, learner.LearnerId });
        return learner;
    }

    private static async Task SendAsync(Player player, IEnumerable<AnswerTypingBatch> batches)
    {
        foreach (var batch in batches)
        {
            Assert.True((await player.SendAnswerTypingAsync(batch)).Recorded);
        }
    }
}
