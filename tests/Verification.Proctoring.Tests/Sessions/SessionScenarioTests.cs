using Dapper;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Verification.Proctoring.Contracts.Player;
using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.Sessions;

/// <summary>
/// Whole sessions against the real Host, PostgreSQL, models and a real SignalR client, with each hub protocol:
/// real LFW faces for frames and real CMU typing for the keystroke checks.
/// </summary>
public sealed class SessionScenarioTests(ProctoringApp app) : IClassFixture<ProctoringApp>
{
    [Theory]
    [MemberData(nameof(Hubs.Protocols), MemberType = typeof(Hubs))]
    public async Task A_session_of_the_enrolled_persons_other_photos_ends_verified(string protocol)
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        await using var player = await Hubs.StartSessionAsync(app, protocol, learner);

        foreach (var frame in FaceSet.Enrolled.SessionFrames)
        {
            await player.SendFrameAndWaitAsync(frame);
        }

        var typing = await player.SendKeystrokesAsync(FaceSet.Enrolled.TypingCheck(0));
        var verdict = await player.EndAsync();

        // Reported, not asserted: speed is measured by benchmarks and the load tool, never by timed tests.
        TestContext.Current.TestOutputHelper?.WriteLine(
            "frame arrival to result, ms: " + string.Join(" ", player.Results.Select(r => r.AnalysisMilliseconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.True(typing.Usable, typing.Message);
        Assert.Equal("Verified", verdict.Verdict);
        Assert.Empty(verdict.Flags);
        Assert.True(verdict.Final);
    }

    [Theory]
    [MemberData(nameof(Hubs.Protocols), MemberType = typeof(Hubs))]
    public async Task Another_person_appearing_after_a_few_frames_ends_in_review_for_face_mismatch_naming_the_frames(string protocol)
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        await using var player = await Hubs.StartSessionAsync(app, protocol, learner);

        foreach (var frame in FaceSet.Enrolled.SessionFrames.Take(3))
        {
            await player.SendFrameAndWaitAsync(frame);
        }

        var impostorFrames = new List<int>();
        foreach (var frame in FaceSet.Impostor.SessionFrames.Take(4))
        {
            impostorFrames.Add((await player.SendFrameAndWaitAsync(frame)).Frame);
        }

        var verdict = await player.EndAsync();

        Assert.Equal("NeedsReview", verdict.Verdict);
        Assert.Equal("High", verdict.Priority);
        var mismatch = Assert.Single(verdict.Flags, f => f.Kind == "FaceMismatch");
        Assert.NotEmpty(mismatch.Frames);
        Assert.All(mismatch.Frames, f => Assert.Contains(f, impostorFrames));
        Assert.True(await ReviewCaseOpenAsync(player.SessionId));
    }

    [Theory]
    [MemberData(nameof(Hubs.Protocols), MemberType = typeof(Hubs))]
    public async Task Two_faces_in_frame_raise_several_faces(string protocol)
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        await using var player = await Hubs.StartSessionAsync(app, protocol, learner);
        var twoFaces = FaceImages.SideBySide(FaceSet.Enrolled.SessionFrames[0], FaceSet.Impostor.SessionFrames[0]);

        await player.SendFrameAndWaitAsync(FaceSet.Enrolled.SessionFrames[0]);
        await player.SendFrameAndWaitAsync(twoFaces);
        await player.SendFrameAndWaitAsync(twoFaces);
        var verdict = await player.EndAsync();

        Assert.Contains(verdict.Flags, f => f.Kind == "SeveralFaces");
        Assert.Contains(player.Prompts, p => p.Code == "one_person_only");
    }

    [Theory]
    [MemberData(nameof(Hubs.Protocols), MemberType = typeof(Hubs))]
    public async Task Black_frames_raise_camera_blocked(string protocol)
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        await using var player = await Hubs.StartSessionAsync(app, protocol, learner);

        await player.SendFrameAndWaitAsync(FaceSet.Enrolled.SessionFrames[0]);
        for (var i = 0; i < 3; i++)
        {
            await player.SendFrameAndWaitAsync(FaceSet.BlackFrame());
        }

        var verdict = await player.EndAsync();

        var blocked = Assert.Single(verdict.Flags, f => f.Kind == "CameraBlocked");
        Assert.Equal([2, 3, 4], blocked.Frames);
    }

    [Theory]
    [MemberData(nameof(Hubs.Protocols), MemberType = typeof(Hubs))]
    public async Task A_gap_in_the_stream_raises_stream_gap(string protocol)
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        await using var player = await Hubs.StartSessionAsync(app, protocol, learner);

        await player.SendFrameAndWaitAsync(FaceSet.Enrolled.SessionFrames[0]);
        app.Time.Advance(TimeSpan.FromSeconds(25));
        var changed = await player.WaitForVerdictAsync(v => v.Flags.Any(f => f.Kind == "StreamGap"), TimeSpan.FromSeconds(10));
        var verdict = await player.EndAsync();

        Assert.NotNull(changed);
        Assert.Contains(verdict.Flags, f => f.Kind == "StreamGap");
    }

    [Fact]
    public async Task The_session_asks_for_as_many_typing_checks_as_its_typing_rule_was_chosen_for_one_interval_apart()
    {
        var checks = Matching.Fusion.SessionScoreModels.Load(Verification.Testing.RepositoryPaths.Models).TypingChecksPerSession;
        var interval = TimeSpan.FromSeconds(app.Factory.Services.GetRequiredService<Verification.Proctoring.Sessions.Live.SessionSettings>().TypingCheckIntervalSeconds);
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        await using var player = await Hubs.StartSessionAsync(app, "messagepack", learner);
        await player.SendFrameAndWaitAsync(FaceSet.Enrolled.SessionFrames[0]);
        int TypingPrompts() => player.Prompts.Count(p => p.Code == "type_phrase");

        app.Time.Advance(interval - TimeSpan.FromSeconds(5));
        await Task.Delay(500, TestContext.Current.CancellationToken);
        var beforeTheFirstInterval = TypingPrompts();
        var asked = new List<int>();
        for (var i = 0; i < checks + 2; i++)
        {
            app.Time.Advance(interval);
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (TypingPrompts() < Math.Min(i + 1, checks - 1) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }

            asked.Add(TypingPrompts());
        }

        await Task.Delay(500, TestContext.Current.CancellationToken);
        await player.EndAsync();

        // The player types once at the start on its own; the session asks for the rest, one per interval, then stops.
        Assert.Equal(0, beforeTheFirstInterval);
        Assert.Equal([.. Enumerable.Range(1, checks + 2).Select(n => Math.Min(n, checks - 1))], asked);
        Assert.Equal(checks - 1, TypingPrompts());
    }

    [Theory]
    [MemberData(nameof(Hubs.Protocols), MemberType = typeof(Hubs))]
    public async Task Another_subjects_typing_raises_typing_mismatch(string protocol)
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        await using var player = await Hubs.StartSessionAsync(app, protocol, learner);
        // As many checks as the fitted typing level was chosen for (models/session-score-models.json).
        var checks = Matching.Fusion.SessionScoreModels.Load(Verification.Testing.RepositoryPaths.Models).TypingChecksPerSession;

        await player.SendFrameAndWaitAsync(FaceSet.Enrolled.SessionFrames[0]);
        for (var i = 0; i < checks; i++)
        {
            var result = await player.SendKeystrokesAsync(FaceSet.Impostor.TypingCheck(i));
            Assert.True(result.Usable, result.Message);
        }

        var verdict = await player.EndAsync();

        Assert.Contains(verdict.Flags, f => f.Kind == "TypingMismatch");
    }

    [Theory]
    [MemberData(nameof(Hubs.Protocols), MemberType = typeof(Hubs))]
    public async Task A_flooding_client_gets_frames_shed_while_its_keystrokes_and_session_end_arrive_and_the_next_session_starts(string protocol)
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        await using var player = await Hubs.StartSessionAsync(app, protocol, learner);

        var sends = Enumerable.Range(0, 40).Select(i => player.SendFrameAsync(FaceSet.Enrolled.SessionFrames[i % FaceSet.Enrolled.SessionFrames.Count])).ToList();
        var typing = await player.SendKeystrokesAsync(FaceSet.Enrolled.TypingCheck(1));
        await Task.WhenAll(sends);
        var verdict = await player.EndAsync();

        Assert.True(typing.Usable, typing.Message);
        Assert.NotEmpty(player.Shed);
        Assert.All(player.Shed, s => Assert.Contains("newest frame kept", s.Rule, StringComparison.Ordinal));
        // Every frame was either analysed or reported shed: none vanished.
        Assert.Equal(40, player.Results.Count + player.Shed.Max(s => s.TotalDropped));
        Assert.True(verdict.Final);

        // One player flooding its own session is not a node short of capacity: the next learner is admitted.
        var next = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        await using var after = await Hubs.StartSessionAsync(app, protocol, next);
        Assert.NotEqual(Guid.Empty, after.SessionId);
    }

    [Theory]
    [MemberData(nameof(Hubs.Protocols), MemberType = typeof(Hubs))]
    public async Task An_oversized_or_corrupt_frame_gets_an_error_result_and_the_connection_stays(string protocol)
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        await using var player = await Hubs.StartSessionAsync(app, protocol, learner);

        var oversized = await player.SendFrameAsync(new byte[(1024 * 1024) + 1]);
        var corrupt = await player.SendFrameAndWaitAsync(FaceSet.Enrolled.SessionFrames[0][..2000]);
        var good = await player.SendFrameAndWaitAsync(FaceSet.Enrolled.SessionFrames[1]);

        Assert.Equal("image_too_large", oversized.Code);
        Assert.NotNull(corrupt.Code);
        Assert.Equal(1, good.FacesFound);
        Assert.Equal(HubConnectionState.Connected, player.State);
    }

    [Theory]
    [MemberData(nameof(Hubs.Protocols), MemberType = typeof(Hubs))]
    public async Task An_expired_or_forged_token_is_refused(string protocol)
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        var expired = await app.TokenAsync(learner, "session", "quiz-expired");
        app.Time.Advance(TimeSpan.FromMinutes(16));
        var genuine = await app.TokenAsync(learner, "session", "quiz-forged");
        var forged = genuine[..^4] + (genuine[^4] == 'A' ? "BBBB" : "AAAA");
        await using var connection = await Hubs.OpenAsync(app, protocol);

        var expiredError = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<SessionStarted>("StartSession", expired, TestContext.Current.CancellationToken));
        var forgedError = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<SessionStarted>("StartSession", forged, TestContext.Current.CancellationToken));

        Assert.Contains("token_invalid", expiredError.Message, StringComparison.Ordinal);
        Assert.Contains("token_invalid", forgedError.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Connected, connection.State);
    }

    [Theory]
    [MemberData(nameof(Hubs.Protocols), MemberType = typeof(Hubs))]
    public async Task A_learner_cannot_open_a_session_of_another_learner(string protocol)
    {
        var owner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        var other = await SessionEnrollment.EnrollAsync(app, FaceSet.Impostor);
        await using var ownerPlayer = await Hubs.StartSessionAsync(app, protocol, owner);
        await using var connection = await Hubs.OpenAsync(app, protocol);

        var otherToken = await app.TokenAsync(other, "session", "quiz-other");

        var error = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<SessionStarted>(
            "ResumeSession", otherToken, ownerPlayer.SessionId, TestContext.Current.CancellationToken));

        Assert.Contains("session_forbidden", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Hubs.Protocols), MemberType = typeof(Hubs))]
    public async Task Withdrawing_consent_during_a_session_stops_frames_and_typing_from_being_checked(string protocol)
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        await using var player = await Hubs.StartSessionAsync(app, protocol, learner);
        var before = await player.SendFrameAndWaitAsync(FaceSet.Enrolled.SessionFrames[0]);

        using (var withdraw = await app.SendAsync(HttpMethod.Delete, $"/api/v1/learners/{learner.LearnerId}/consent", await app.TokenAsync(learner)))
        {
            Assert.True(withdraw.IsSuccessStatusCode);
        }

        var after = await player.SendFrameAndWaitAsync(FaceSet.Enrolled.SessionFrames[1]);
        var typing = await player.SendKeystrokesAsync(FaceSet.Enrolled.TypingCheck(0));

        Assert.Equal(1, before.FacesFound);
        Assert.Equal("consent_withdrawn", after.Code);
        Assert.Null(after.MatchScore);
        Assert.Equal("consent_withdrawn", typing.Code);
    }

    private async Task<bool> ReviewCaseOpenAsync(Guid sessionId)
    {
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        return await connection.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM proctoring.review_cases WHERE session_id = @sessionId AND status = 'open')", new { sessionId });
    }
}
