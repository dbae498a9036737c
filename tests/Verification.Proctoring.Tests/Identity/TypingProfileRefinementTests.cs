using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Verification.Matching.Keystroke;
using Verification.Proctoring.Identity;
using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.Identity;

/// <summary>
/// The learner's typing profile through the real enrollment and hub: refined by the typing checks of a session that
/// ends Verified (enrollment typings first, the checks after), which the learner's next session is scored for, left as
/// it was by one that ends NeedsReview or whose typing falls short of the fitted refinement level, and never touched for
/// a learner whose erasure was asked.
/// </summary>
public sealed class TypingProfileRefinementTests(ProctoringApp app) : IClassFixture<ProctoringApp>
{
    /// <summary>As many checks as the shipped typing rule was fitted for: the evidence a verified session's typing needs before it refines the profile is summed over them.</summary>
    private static readonly int Checks = Matching.Fusion.SessionScoreModels.Load(Verification.Testing.RepositoryPaths.Models).TypingChecksPerSession;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_verified_session_refines_the_typing_profile_with_its_checks_and_the_next_session_is_scored_for_a_refined_profile()
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        var mark = app.Factory.Log.Mark();
        Guid first;
        await using (var player = await Hubs.StartSessionAsync(app, "json", learner))
        {
            first = player.SessionId;
            var verdict = await VerifiedSessionAsync(player);
            Assert.Equal("Verified", verdict);
        }

        await using var next = await Hubs.StartSessionAsync(app, "messagepack", learner);

        var profile = Assert.IsType<KeystrokeProfile>((await LoadAsync(learner)).Typing);
        Assert.Equal(KeystrokeProfile.MinimumEnrollmentSamples, profile.EnrollmentCount);
        Assert.Equal(KeystrokeProfile.MinimumEnrollmentSamples + Checks, profile.SampleCount);
        Assert.True(profile.IsRefined);
        Assert.Equal(1, await TypingProfileRows.RefinementsAsync(app.DataSource, learner));
        Assert.Equal("False", StartedWithRefinedProfile(mark, first));
        Assert.Equal("True", StartedWithRefinedProfile(mark, next.SessionId));
    }

    [Fact]
    public async Task Consent_withdrawn_after_the_last_check_and_before_the_end_sends_the_session_to_review_and_refines_nothing()
    {
        var (learner, token) = await EnrolledWithTokenAsync();
        await using var player = await Hubs.StartSessionAsync(app, "json", learner);
        await SendVerifiedSessionAsync(player);

        using (var withdraw = await app.SendAsync(HttpMethod.Delete, $"/api/v1/learners/{learner.LearnerId}/consent", token))
        {
            withdraw.EnsureSuccessStatusCode();
        }

        var final = await player.EndAsync();

        Assert.Equal("NeedsReview", final.Verdict);
        Assert.Empty(Assert.Single(final.Flags, f => f.Kind == "ConsentWithdrawn").Frames);
        Assert.Equal(0, await TypingProfileRows.RefinementsAsync(app.DataSource, learner));
    }

    [Fact]
    public async Task The_export_states_how_many_verified_sessions_refined_the_typing_profile()
    {
        var (learner, token) = await EnrolledWithTokenAsync();
        await using (var player = await Hubs.StartSessionAsync(app, "json", learner))
        {
            Assert.Equal("Verified", await VerifiedSessionAsync(player));
        }

        using var response = await app.SendAsync(HttpMethod.Get, $"/api/v1/learners/{learner.LearnerId}/data", token);
        using var export = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var enrollment = export.RootElement.GetProperty("enrollment");
        Assert.Equal(1, enrollment.GetProperty("typingRefinements").GetInt32());
        var description = enrollment.GetProperty("keystrokeProfile").GetProperty("description").GetString();
        Assert.Contains("refined by 1 verified assessments' typing checks (timings only", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_that_needs_review_leaves_the_typing_profile_as_it_was()
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        await using var player = await Hubs.StartSessionAsync(app, "messagepack", learner);
        foreach (var frame in FaceSet.Impostor.SessionFrames.Take(5))
        {
            await player.SendFrameAndWaitAsync(frame);
        }

        for (var i = 0; i < Checks; i++)
        {
            Assert.True((await player.SendKeystrokesAsync(FaceSet.Enrolled.TypingCheck(i))).Usable);
        }

        var verdict = await player.EndAsync();

        Assert.Equal("NeedsReview", verdict.Verdict);
        var profile = (await LoadAsync(learner)).Typing!;
        Assert.Equal(KeystrokeProfile.MinimumEnrollmentSamples, profile.SampleCount);
        Assert.False(profile.IsRefined);
        Assert.Equal(0, await TypingProfileRows.RefinementsAsync(app.DataSource, learner));
    }

    [Fact]
    public async Task A_verified_session_whose_typing_only_escaped_the_flag_leaves_the_typing_profile_as_it_was()
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        // Another typist whose checks lean against the learner without raising the flag, by the Host's own fitted options.
        var (typist, checks) = await WeakTypist.FindAsync(app, learner);
        await using (var player = await Hubs.StartSessionAsync(app, "json", learner))
        {
            foreach (var frame in FaceSet.Enrolled.SessionFrames)
            {
                await player.SendFrameAndWaitAsync(frame);
            }

            for (var i = 0; i < checks; i++)
            {
                Assert.True((await player.SendKeystrokesAsync(FaceSet.TypingCheckOf(typist, i))).Usable);
            }

            Assert.Equal("Verified", (await player.EndAsync()).Verdict);
        }

        var after = (await LoadAsync(learner)).Typing!;
        Assert.Equal(KeystrokeProfile.MinimumEnrollmentSamples, after.SampleCount);
        Assert.False(after.IsRefined);
        Assert.Equal(0, await TypingProfileRows.RefinementsAsync(app.DataSource, learner));
    }

    [Fact]
    public async Task A_learner_whose_erasure_was_asked_is_not_refined_and_their_profile_is_left_to_the_erasure()
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        var before = await TypingProfileRows.SealedAsync(app.DataSource, learner);
        await using (var connection = await app.DataSource.OpenConnectionAsync(Cancel))
        {
            await connection.ExecuteAsync("INSERT INTO proctoring.erasures (learner_id, requested_at) VALUES (@LearnerId, now())", new { learner.LearnerId });
        }

        var refined = await Profiles.RefineAsync(learner.LearnerId, Typings(Checks), Cancel);

        Assert.False(refined);
        Assert.Equal(before, await TypingProfileRows.SealedAsync(app.DataSource, learner));
        Assert.Equal(0, await TypingProfileRows.RefinementsAsync(app.DataSource, learner));
    }

    [Fact]
    public async Task A_learner_erased_before_who_enrolled_again_is_refined_like_any_other()
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        await using (var connection = await app.DataSource.OpenConnectionAsync(Cancel))
        {
            // The erasure completed before this enrollment: its row stays, with the time it was done.
            await connection.ExecuteAsync(
                "INSERT INTO proctoring.erasures (learner_id, requested_at, completed_at) VALUES (@LearnerId, now() - interval '2 days', now() - interval '1 day')",
                new { learner.LearnerId });
        }

        var refined = await Profiles.RefineAsync(learner.LearnerId, Typings(Checks), Cancel);

        Assert.True(refined);
        Assert.Equal(1, await TypingProfileRows.RefinementsAsync(app.DataSource, learner));
    }

    [Fact]
    public async Task A_learner_without_a_typing_profile_is_not_refined()
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        await using (var connection = await app.DataSource.OpenConnectionAsync(Cancel))
        {
            // As an enrollment on a touch keyboard leaves the row: the reason, no typing profile.
            await connection.ExecuteAsync(
                "UPDATE proctoring.identity_profiles SET keystroke_profile = NULL, keystroke_profile_key_id = NULL, typing_unavailable = 'touch_keyboard' WHERE learner_id = @LearnerId",
                new { learner.LearnerId });
        }

        var refined = await Profiles.RefineAsync(learner.LearnerId, Typings(Checks), Cancel);

        Assert.False(refined);
        Assert.Null(await TypingProfileRows.SealedAsync(app.DataSource, learner));
        Assert.Equal(0, await TypingProfileRows.RefinementsAsync(app.DataSource, learner));
    }

    /// <summary>The enrolled typist's first typing checks, as the hub reads them.</summary>
    internal static IReadOnlyList<KeystrokeSample> Typings(int count) =>
        [.. Enumerable.Range(0, count).Select(i => KeystrokeSampleReader.Read(ProctoringHostFactory.TypingPhrase, FaceSet.CheckEvents(FaceSet.Enrolled.Typist, i)).Sample!)];

    /// <summary>The person's frames and <see cref="Checks"/> of their typing checks, then the end; answers the verdict.</summary>
    internal static async Task<string> VerifiedSessionAsync(Player player)
    {
        await SendVerifiedSessionAsync(player);
        return (await player.EndAsync()).Verdict;
    }

    /// <summary>The person's frames and <see cref="Checks"/> of their typing checks, without the end.</summary>
    internal static async Task SendVerifiedSessionAsync(Player player)
    {
        foreach (var frame in FaceSet.Enrolled.SessionFrames)
        {
            await player.SendFrameAndWaitAsync(frame);
        }

        for (var i = 0; i < Checks; i++)
        {
            var check = await player.SendKeystrokesAsync(FaceSet.Enrolled.TypingCheck(i));
            Assert.True(check.Usable, check.Message);
        }
    }

    private TypingProfiles Profiles => app.Factory.Services.GetRequiredService<TypingProfiles>();

    private async Task<(TestLearner Learner, string Token)> EnrolledWithTokenAsync()
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        return (learner, await app.TokenAsync(learner));
    }

    /// <summary>What the session start logged: whether the learner's typing profile was refined, so scored with the refined typing model.</summary>
    private string? StartedWithRefinedProfile(int mark, Guid sessionId) =>
        app.Factory.Log.Since(mark)
            .Where(e => e.MessageTemplate.Text.StartsWith("Session {SessionId} started", StringComparison.Ordinal)
                && e.Properties["SessionId"].ToString() == sessionId.ToString())
            .Select(e => e.Properties["TypingProfileRefined"].ToString())
            .SingleOrDefault();

    private async Task<IdentityProfile> LoadAsync(TestLearner learner) =>
        await app.Factory.Services.GetRequiredService<IdentityProfiles>().LoadAsync(learner.LearnerId, Cancel)
        ?? throw new InvalidOperationException("not enrolled");
}
