using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Verification.Proctoring.Identity;
using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.AnswerTyping;

/// <summary>
/// The learner's free-text profile through the real enrollment and hub: built from the pledge typings at enrollment
/// (encrypted under the identity key), and left as it was by a session that ends NeedsReview, and by a verified one whose
/// answer typing no model judged (FreeTextModelScenarioTests: refined when a model says it favours the learner).
/// </summary>
public sealed class FreeTextProfileTests(ProctoringApp app) : IClassFixture<ProctoringApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Enrollment_builds_the_profile_from_the_pledge_typings_encrypted_under_the_learners_key()
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);

        var profile = await LoadAsync(learner);
        var (keyId, refinements) = await ColumnsAsync(learner);

        var freeText = Assert.IsType<Matching.Keystroke.FreeText.FreeTextProfile>(profile.FreeText);
        var pledgeKeys = CmuTyping.Samples(FaceSet.Enrolled.Typist, Matching.Keystroke.KeystrokeProfile.MinimumEnrollmentSamples, FaceSet.EnrollmentTypingSkip)
            .Sum(typing => Matching.Keystroke.FreeText.ClassKeystrokes.Of(typing).Count);
        Assert.True(pledgeKeys >= 10 * 11, $"{pledgeKeys} key presses in ten typings of the pledge and Enter");
        Assert.Equal(pledgeKeys, freeText.Keystrokes);
        Assert.Equal(BiometricCipher.LearnerKeyId, keyId);
        Assert.Equal(0, refinements);
    }

    [Fact]
    public async Task Without_a_free_text_model_nothing_judges_the_answer_typing_and_a_verified_session_leaves_the_profile_as_it_was()
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        var before = (await LoadAsync(learner)).FreeText!.Keystrokes;
        await using var player = await Hubs.StartSessionAsync(app, "json", learner);
        foreach (var frame in FaceSet.Enrolled.SessionFrames)
        {
            await player.SendFrameAndWaitAsync(frame);
        }

        Assert.True((await player.SendKeystrokesAsync(FaceSet.Enrolled.TypingCheck(0))).Usable);
        foreach (var batch in AnswerTypings.Of(seed: 8, keys: 100))
        {
            await player.SendAnswerTypingAsync(batch);
        }

        var verdict = await player.EndAsync();

        Assert.Equal("Verified", verdict.Verdict);
        Assert.Equal(before, (await LoadAsync(learner)).FreeText!.Keystrokes);
        Assert.Equal(0, (await ColumnsAsync(learner)).Refinements);
    }

    [Fact]
    public async Task A_session_that_needs_review_leaves_the_profile_as_it_was()
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        var before = (await LoadAsync(learner)).FreeText!.Keystrokes;
        await using var player = await Hubs.StartSessionAsync(app, "messagepack", learner);
        foreach (var frame in FaceSet.Impostor.SessionFrames.Take(5))
        {
            await player.SendFrameAndWaitAsync(frame);
        }

        foreach (var batch in AnswerTypings.Of(seed: 9, keys: 100))
        {
            await player.SendAnswerTypingAsync(batch);
        }

        var verdict = await player.EndAsync();

        Assert.Equal("NeedsReview", verdict.Verdict);
        Assert.Equal(before, (await LoadAsync(learner)).FreeText!.Keystrokes);
        Assert.Equal(0, (await ColumnsAsync(learner)).Refinements);
    }

    private async Task<IdentityProfile> LoadAsync(TestLearner learner) =>
        await app.Factory.Services.GetRequiredService<IdentityProfiles>().LoadAsync(learner.LearnerId, Cancel)
        ?? throw new InvalidOperationException("not enrolled");

    private async Task<(string? KeyId, int Refinements)> ColumnsAsync(TestLearner learner)
    {
        await using var connection = await app.DataSource.OpenConnectionAsync(Cancel);
        return await connection.QuerySingleAsync<(string?, int)>(
            "SELECT free_text_profile_key_id, free_text_refinements FROM proctoring.identity_profiles WHERE learner_id = @LearnerId", new { learner.LearnerId });
    }
}
