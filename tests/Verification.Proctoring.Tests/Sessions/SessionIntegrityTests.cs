using System.Net.Http.Json;
using Dapper;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Verification.Matching.Face;
using Verification.Proctoring.Contracts.Player;
using Verification.Proctoring.Identity;
using Verification.Proctoring.Sessions.Live;
using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.Sessions;

/// <summary>
/// What a client or a fault can do to a session's verdict, against the real Host, PostgreSQL and a SignalR client: end
/// it twice, leave during the end, send too little, withdraw consent, bring another token, break the analysis.
/// </summary>
public sealed class SessionIntegrityTests(ProctoringApp app) : IClassFixture<ProctoringApp>
{
    private const string Protocol = "json";

    [Fact]
    public async Task Ending_twice_gives_the_same_final_verdict_and_stores_it_and_its_case_once()
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        await using var player = await Hubs.StartSessionAsync(app, Protocol, learner);
        foreach (var frame in FaceSet.Impostor.SessionFrames.Take(4))
        {
            await player.SendFrameAndWaitAsync(frame);
        }

        var first = await player.EndAsync();
        var again = await player.EndAsync();

        Assert.Equal("NeedsReview", first.Verdict);
        Assert.True(again.Final);
        Assert.Equal(first.Verdict, again.Verdict);
        Assert.Equal(first.Flags.Select(f => f.Kind), again.Flags.Select(f => f.Kind));
        var stored = await SessionRows.LoadAsync(app.DataSource, player.SessionId);
        Assert.Equal("ended", stored.Status);
        Assert.Equal(1, stored.Cases);
        Assert.Equal(1, await SessionRows.CountAsync(app.DataSource, "SELECT count(*) FROM audit.entries WHERE action = 'session.ended' AND subject = @subject", new { subject = $"session:{player.SessionId}" }));
        Assert.Equal(1, await SessionRows.CountAsync(app.DataSource, "SELECT count(*) FROM proctoring.outbox WHERE message_type LIKE '%SessionVerdictReached' AND payload->>'SessionId' = @id AND delivered_at IS NOT NULL", new { id = player.SessionId.ToString() }));
    }

    [Fact]
    public async Task A_client_that_disconnects_during_EndSession_still_has_its_verdict_and_case_stored()
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        var player = await Hubs.StartSessionAsync(app, Protocol, learner);
        foreach (var frame in FaceSet.Impostor.SessionFrames.Take(3))
        {
            await player.SendFrameAndWaitAsync(frame);
        }

        // Frames still queued keep EndSession busy while the tab closes.
        await player.SendFrameAsync(FaceSet.Impostor.SessionFrames[3]);
        await player.SendFrameAsync(FaceSet.Impostor.SessionFrames[4]);
        await player.Connection.SendAsync("EndSession", TestContext.Current.CancellationToken);
        // Disposing cancels what the client has not yet written to the socket: the tab closes once the call has arrived.
        var sessions = app.Factory.Services.GetRequiredService<LiveSessions>();
        Assert.True(await WaitAsync(() => sessions.Find(player.SessionId) is not { Ending: false }));
        await player.DisposeAsync();

        var stored = await SessionRows.WaitForEndAsync(app.DataSource, player.SessionId);
        Assert.Equal("ended", stored.Status);
        Assert.Equal("NeedsReview", stored.Verdict);
        Assert.Equal(1, stored.Cases);
        Assert.Equal("NeedsReview", await SessionRows.WaitForCertificatesAsync(app.DataSource, player.SessionId));
    }

    [Theory]
    [InlineData("frame")]
    [InlineData("typing check")]
    [InlineData("answer typing")]
    public async Task A_player_gone_without_ending_its_session_leaves_it_ended_timed_out_in_review_after_the_idle_timeout(string lastCall)
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        var player = await Hubs.StartSessionAsync(app, Protocol, learner);
        foreach (var frame in FaceSet.Enrolled.SessionFrames.Take(3))
        {
            await player.SendFrameAndWaitAsync(frame);
        }

        await player.SendKeystrokesAsync(FaceSet.Enrolled.TypingCheck(0));
        app.Time.Advance(TimeSpan.FromSeconds(30));
        _ = lastCall switch
        {
            "frame" => (object)await player.SendFrameAndWaitAsync(FaceSet.Enrolled.SessionFrames[3]),
            "typing check" => await player.SendKeystrokesAsync(FaceSet.Enrolled.TypingCheck(1)),
            _ => await player.SendAnswerTypingAsync(AnswerTypings.Of(seed: 7, keys: 50)[0]),
        };
        await player.DisposeAsync();
        var sessions = app.Factory.Services.GetRequiredService<LiveSessions>();
        Assert.True(await WaitAsync(() => sessions.Find(player.SessionId) is { ConnectionId: null }));
        var idle = TimeSpan.FromSeconds(app.Factory.Services.GetRequiredService<SessionSettings>().IdleTimeoutSeconds);

        // Counted from the last call, not from the start: just short of the timeout the session is still open.
        app.Time.Advance(idle - TimeSpan.FromSeconds(5));
        await Task.Delay(300, TestContext.Current.CancellationToken);
        var before = await SessionRows.LoadAsync(app.DataSource, player.SessionId);
        app.Time.Advance(TimeSpan.FromSeconds(10));
        var stored = await SessionRows.WaitForEndAsync(app.DataSource, player.SessionId);

        Assert.Equal("open", before.Status);
        Assert.Equal("timed_out", stored.Status);
        Assert.Equal("NeedsReview", stored.Verdict);
        Assert.Equal(1, stored.Cases);
        Assert.Equal("NeedsReview", await SessionRows.WaitForCertificatesAsync(app.DataSource, player.SessionId));
    }

    [Fact]
    public async Task A_one_frame_session_ends_in_review_for_insufficient_evidence_naming_the_frame()
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        await using var player = await Hubs.StartSessionAsync(app, Protocol, learner);

        var result = await player.SendFrameAndWaitAsync(FaceSet.Enrolled.SessionFrames[0]);
        var typing = await player.SendKeystrokesAsync(FaceSet.Enrolled.TypingCheck(0));
        var verdict = await player.EndAsync();

        Assert.Equal(1, result.FacesFound);
        Assert.True(typing.Usable, typing.Message);
        Assert.Equal("NeedsReview", verdict.Verdict);
        var gap = Assert.Single(verdict.Flags);
        Assert.Equal("InsufficientEvidence", gap.Kind);
        Assert.Contains("1 analysed frames, 3 needed", gap.Rule, StringComparison.Ordinal);
        Assert.Equal([1], gap.Frames);
        Assert.Equal(1, (await SessionRows.LoadAsync(app.DataSource, player.SessionId)).Cases);
    }

    [Fact]
    public async Task Frames_only_at_the_start_of_a_long_session_end_in_review_for_insufficient_evidence()
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        await using var player = await Hubs.StartSessionAsync(app, Protocol, learner);
        foreach (var frame in FaceSet.Enrolled.SessionFrames.Take(4))
        {
            await player.SendFrameAndWaitAsync(frame);
        }

        await player.SendKeystrokesAsync(FaceSet.Enrolled.TypingCheck(0));
        app.Time.Advance(TimeSpan.FromMinutes(10));
        var verdict = await player.EndAsync();

        var gap = Assert.Single(verdict.Flags, f => f.Kind == "InsufficientEvidence");
        Assert.Contains("600 s without an analysed frame, 60 s allowed", gap.Rule, StringComparison.Ordinal);
        Assert.Equal("NeedsReview", verdict.Verdict);
    }

    [Fact]
    public async Task A_session_without_the_typing_check_it_asks_for_ends_in_review()
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        await using var player = await Hubs.StartSessionAsync(app, Protocol, learner);
        foreach (var frame in FaceSet.Enrolled.SessionFrames.Take(5))
        {
            await player.SendFrameAndWaitAsync(frame);
        }

        var verdict = await player.EndAsync();

        var gap = Assert.Single(verdict.Flags);
        Assert.Equal("InsufficientEvidence", gap.Kind);
        Assert.Equal("no usable typing check, and the assessment asks for one", gap.Rule);
    }

    [Fact]
    public async Task Consent_withdrawn_then_accepted_again_ends_without_verified_and_offers_the_non_biometric_path()
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        await using var player = await Hubs.StartSessionAsync(app, Protocol, learner);
        var enrollmentToken = await app.TokenAsync(learner);
        await player.SendFrameAndWaitAsync(FaceSet.Enrolled.SessionFrames[0]);

        using (var withdraw = await app.SendAsync(HttpMethod.Delete, $"/api/v1/learners/{learner.LearnerId}/consent", enrollmentToken))
        {
            Assert.True(withdraw.IsSuccessStatusCode);
        }

        var refused = await player.SendFrameAndWaitAsync(FaceSet.Impostor.SessionFrames[0]);
        await app.AcceptCurrentConsentAsync(learner, enrollmentToken);

        foreach (var frame in FaceSet.Enrolled.SessionFrames.Skip(1).Take(4))
        {
            await player.SendFrameAndWaitAsync(frame);
        }

        await player.SendKeystrokesAsync(FaceSet.Enrolled.TypingCheck(0));
        var verdict = await player.EndAsync();

        Assert.Equal("consent_withdrawn", refused.Code);
        Assert.Equal("NeedsReview", verdict.Verdict);
        var flag = Assert.Single(verdict.Flags);
        Assert.Equal("ConsentWithdrawn", flag.Kind);
        Assert.Equal("Low", verdict.Priority);
        Assert.True(await WaitAsync(() => player.Prompts.Any(p => p.Code == "non_biometric_path")));
    }

    [Fact]
    public async Task A_token_for_another_assessment_cannot_resume_or_end_the_session()
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        await using var owner = await Hubs.StartSessionAsync(app, Protocol, learner);
        await owner.SendFrameAndWaitAsync(FaceSet.Enrolled.SessionFrames[0]);
        var otherAssessment = await app.TokenAsync(learner, "session", "quiz-other");
        await using var intruder = await Hubs.OpenAsync(app, Protocol);

        var error = await Assert.ThrowsAsync<HubException>(() => intruder.InvokeAsync<SessionStarted>("ResumeSession", otherAssessment, owner.SessionId, TestContext.Current.CancellationToken));
        var endError = await Assert.ThrowsAsync<HubException>(() => intruder.InvokeAsync<VerdictChanged>("EndSession", TestContext.Current.CancellationToken));

        Assert.Contains("session_forbidden", error.Message, StringComparison.Ordinal);
        Assert.Contains("session_not_started", endError.Message, StringComparison.Ordinal);
        Assert.Equal("open", (await SessionRows.LoadAsync(app.DataSource, owner.SessionId)).Status);
    }

    [Fact]
    public async Task A_token_opens_one_session_and_another_connection_cannot_take_it_over()
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        var token = await app.TokenAsync(learner, "session", "quiz-once");
        await using var first = await Player.StartAsync(Hubs.Build(app, Protocol), token);
        await using var second = await Hubs.OpenAsync(app, Protocol);

        var takeOver = await Assert.ThrowsAsync<HubException>(() => second.InvokeAsync<SessionStarted>("StartSession", token, TestContext.Current.CancellationToken));
        var resume = await Assert.ThrowsAsync<HubException>(() => second.InvokeAsync<SessionStarted>("ResumeSession", token, first.SessionId, TestContext.Current.CancellationToken));
        await first.EndAsync();
        var reuse = await Assert.ThrowsAsync<HubException>(() => second.InvokeAsync<SessionStarted>("StartSession", token, TestContext.Current.CancellationToken));
        var nextAttempt = await second.InvokeAsync<SessionStarted>("StartSession", await app.TokenAsync(learner, "session", "quiz-once", attempt: 2), TestContext.Current.CancellationToken);

        Assert.Contains("session_in_use", takeOver.Message, StringComparison.Ordinal);
        Assert.Contains("session_in_use", resume.Message, StringComparison.Ordinal);
        Assert.Contains("token_used", reuse.Message, StringComparison.Ordinal);
        Assert.NotEqual(first.SessionId, nextAttempt.SessionId);
        Assert.False(nextAttempt.Resumed);
    }

    [Fact]
    public async Task A_learner_cannot_open_more_live_sessions_than_the_limit()
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        await using var one = await Hubs.StartSessionAsync(app, Protocol, learner);
        await using var two = await Hubs.StartSessionAsync(app, Protocol, learner);
        await using var three = await Hubs.OpenAsync(app, Protocol);

        var error = await Assert.ThrowsAsync<HubException>(async () =>
            await three.InvokeAsync<SessionStarted>("StartSession", await app.TokenAsync(learner, "session", "quiz-third"), TestContext.Current.CancellationToken));

        Assert.Contains("session_limit", error.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Connected, three.State);
    }

    [Fact]
    public async Task A_session_whose_analysis_fails_ends_in_review_for_analysis_failed_while_another_session_is_served()
    {
        var damaged = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        var healthy = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        await DamageFaceTemplateAsync(damaged.LearnerId);
        await using var failing = await Hubs.StartSessionAsync(app, Protocol, damaged);
        await using var served = await Hubs.StartSessionAsync(app, Protocol, healthy);

        var failed = new List<FrameResult>();
        foreach (var frame in FaceSet.Enrolled.SessionFrames.Take(4))
        {
            failed.Add(await failing.SendFrameAndWaitAsync(frame));
            await served.SendFrameAndWaitAsync(frame);
        }

        await served.SendKeystrokesAsync(FaceSet.Enrolled.TypingCheck(0));
        var failingVerdict = await failing.EndAsync();
        var servedVerdict = await served.EndAsync();

        Assert.All(failed, r => Assert.Equal("analysis_failed", r.Code));
        Assert.Equal("NeedsReview", failingVerdict.Verdict);
        Assert.Equal([1, 2, 3, 4], Assert.Single(failingVerdict.Flags, f => f.Kind == "AnalysisFailed").Frames);
        Assert.Equal(1, (await SessionRows.LoadAsync(app.DataSource, failing.SessionId)).Cases);
        Assert.Equal("Verified", servedVerdict.Verdict);
    }

    [Fact]
    public async Task A_frame_cut_inside_its_scan_header_ends_its_session_in_review_while_another_session_is_served()
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        var other = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        await using var crafted = await Hubs.StartSessionAsync(app, Protocol, learner);
        await using var served = await Hubs.StartSessionAsync(app, Protocol, other);

        var result = await crafted.SendFrameAndWaitAsync(FaceSet.Enrolled.SessionFrames[0][..613]);
        foreach (var frame in FaceSet.Enrolled.SessionFrames.Take(4))
        {
            await served.SendFrameAndWaitAsync(frame);
        }

        await served.SendKeystrokesAsync(FaceSet.Enrolled.TypingCheck(0));
        var craftedVerdict = await crafted.EndAsync();

        Assert.NotNull(result.Code);
        Assert.Equal("NeedsReview", craftedVerdict.Verdict);
        Assert.Equal("Verified", (await served.EndAsync()).Verdict);
        Assert.Equal(result.Code == "analysis_failed", craftedVerdict.Flags.Any(f => f.Kind == "AnalysisFailed"));
    }

    /// <summary>A stored template of another dimension than the embedding model's: every comparison in the real pipeline fails.</summary>
    private async Task DamageFaceTemplateAsync(Guid learnerId)
    {
        var cipher = app.Factory.Services.GetRequiredService<BiometricCipher>();
        var blob = await cipher.EncryptAsync(learnerId, FaceTemplate.Create([[1f, 0f, 0f, 0f]]).ToBytes(), "identity_profiles", learnerId, "face_template", TestContext.Current.CancellationToken);
        await using var connection = await app.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync(
            "UPDATE proctoring.identity_profiles SET face_template = @Payload, face_template_key_id = @KeyId WHERE learner_id = @learnerId",
            new { blob.Payload, blob.KeyId, learnerId });
    }

    private static async Task<bool> WaitAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        return condition();
    }
}
