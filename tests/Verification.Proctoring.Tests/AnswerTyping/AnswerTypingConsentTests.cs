using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Verification.Proctoring.Contracts.Player;
using Verification.Proctoring.Sessions.Live;
using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.AnswerTyping;

/// <summary>
/// Answer typing is kept only under a consent that names it (text version 2 on). A learner who accepted only version 1
/// keeps their face and pledge typing checks and ends their session as before; their answer typing is refused and
/// nothing of it is kept until they accept version 2.
/// </summary>
public sealed class AnswerTypingConsentTests(ProctoringApp app) : IClassFixture<ProctoringApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_learner_who_accepted_only_version_1_keeps_every_other_check_and_no_answer_typing_until_they_accept_version_2()
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        await app.AcceptOlderConsentAsync(learner, version: 1, language: "es");
        var enrollmentToken = await app.TokenAsync(learner);
        var batches = AnswerTypings.Of(seed: 31, keys: 100);

        using (var shown = await app.SendAsync(HttpMethod.Get, $"/api/v1/learners/{learner.LearnerId}/consent?language=es", enrollmentToken))
        {
            using var body = JsonDocument.Parse(await shown.Content.ReadAsStringAsync(Cancel));
            Assert.Equal(2, body.RootElement.GetProperty("current").GetProperty("version").GetInt32());
            Assert.Equal(1, body.RootElement.GetProperty("accepted").GetProperty("version").GetInt32());
            Assert.Equal(["face", "id_photo", "typing"], body.RootElement.GetProperty("accepted").GetProperty("covers").EnumerateArray().Select(c => c.GetString()));
        }

        Guid refusedSession;
        await using (var player = await Hubs.StartSessionAsync(app, "json", learner))
        {
            refusedSession = player.SessionId;
            var frames = new List<FrameResult>();
            foreach (var frame in FaceSet.Enrolled.SessionFrames.Take(4))
            {
                frames.Add(await player.SendFrameAndWaitAsync(frame));
            }

            var typing = await player.SendKeystrokesAsync(FaceSet.Enrolled.TypingCheck(0));
            var first = await player.SendAnswerTypingAsync(batches[0]);
            var second = await player.SendAnswerTypingAsync(batches[1]);
            var verdict = await player.EndAsync();

            Assert.All(frames, f => Assert.NotNull(f.MatchScore));
            Assert.True(typing.Usable, typing.Message);
            foreach (var refused in new[] { first, second })
            {
                Assert.False(refused.Recorded);
                Assert.Equal(TypingConsentGate.AnswerTypingNotConsented, refused.Code);
                Assert.Contains("does not cover the typing of your answers", refused.Message, StringComparison.Ordinal);
                Assert.Equal(0, refused.KeyPresses);
            }

            Assert.True(verdict.Final);
            Assert.Equal("Verified", verdict.Verdict);
            Assert.Empty(verdict.Flags);
        }

        Assert.Equal(0, await CountAsync("SELECT count(*) FROM proctoring.session_answer_typing WHERE session_id = @id", refusedSession));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM proctoring.typing_checks WHERE session_id = @id", refusedSession));
        Assert.Equal("ended", await ScalarAsync<string>("SELECT status FROM proctoring.sessions WHERE id = @id", refusedSession));
        Assert.Null((await SessionEvidenceRows.ReadAsync(app, refusedSession)).FreeText);

        using (var accept = await app.SendAsync(HttpMethod.Post, $"/api/v1/learners/{learner.LearnerId}/consent", enrollmentToken, JsonContent.Create(new { version = 2, language = "hi-IN" })))
        {
            Assert.Equal(HttpStatusCode.OK, accept.StatusCode);
        }

        await using (var player = await Hubs.StartSessionAsync(app, "json", learner))
        {
            var kept = await player.SendAnswerTypingAsync(batches[0]);
            await player.EndAsync();

            Assert.True(kept.Recorded);
            Assert.Null(kept.Code);
            Assert.Equal(50, kept.KeyPresses);
            Assert.Equal(1, await CountAsync("SELECT count(*) FROM proctoring.session_answer_typing WHERE session_id = @id", player.SessionId));
        }

        await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        var live = await connection.QuerySingleAsync<(int Version, string Language)>(
            "SELECT version, language FROM proctoring.consents WHERE learner_id = @LearnerId AND withdrawn_at IS NULL", new { learner.LearnerId });
        Assert.Equal((2, "hi"), live);
        Assert.Equal(["face", "id_photo", "typing", "answer_typing"], (await connection.ExecuteScalarAsync<string[]>(
            "SELECT covers FROM proctoring.consents WHERE learner_id = @LearnerId AND withdrawn_at IS NULL", new { learner.LearnerId }))!);
        Assert.Contains("\"version\":2", await connection.ExecuteScalarAsync<string>(
            "SELECT data::text FROM audit.entries WHERE action = 'consent.accepted' AND subject = @subject ORDER BY sequence DESC LIMIT 1", new { subject = $"learner:{learner.LearnerId}" }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_1_can_no_longer_be_accepted_now_version_2_is_current()
    {
        var learner = await app.CreateLearnerAsync("Late Reader");
        var token = await app.TokenAsync(learner);

        using var response = await app.SendAsync(HttpMethod.Post, $"/api/v1/learners/{learner.LearnerId}/consent", token, JsonContent.Create(new { version = 1 }));

        await Problems.AssertAsync(response, HttpStatusCode.Conflict, "consent_version_outdated");
    }

    private async Task<int> CountAsync(string sql, Guid id) => await ScalarAsync<int>(sql, id);

    private async Task<T?> ScalarAsync<T>(string sql, Guid id)
    {
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        return await connection.ExecuteScalarAsync<T>(sql, new { id });
    }
}
