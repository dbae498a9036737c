using System.Net;
using System.Text.Json;
using Dapper;
using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.AnswerTyping;

/// <summary>The learner's export states their free-text profile and each session's answer typing; erasure deletes both.</summary>
public sealed class AnswerTypingPrivacyTests(ProctoringApp app) : IClassFixture<ProctoringApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_export_states_the_free_text_profile_and_the_answer_typing_of_each_session_without_their_numbers()
    {
        var (learner, token) = await app.EnrolledLearnerAsync("Exported Typist");
        var sessionId = await SessionWithAnswersAsync(learner, 150);

        using var response = await app.SendAsync(HttpMethod.Get, $"/api/v1/learners/{learner.LearnerId}/data", token);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        using var export = JsonDocument.Parse(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var profile = export.RootElement.GetProperty("enrollment").GetProperty("freeTextProfile");
        Assert.StartsWith("Free-text typing profile: ", profile.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(profile.GetProperty("encryptedBytes").GetInt32() > 0);
        var session = Assert.Single(export.RootElement.GetProperty("sessions").EnumerateArray(), s => s.GetProperty("sessionId").GetGuid() == sessionId);
        var answers = session.GetProperty("answerTyping");
        Assert.Equal(3, answers.GetProperty("batches").GetInt32());
        Assert.Equal(150, answers.GetProperty("keyPresses").GetInt32());
        Assert.Contains("Never the text or which keys", answers.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erasure_deletes_the_free_text_profile_and_the_answer_typing_of_the_learners_sessions()
    {
        var (learner, token) = await app.EnrolledLearnerAsync("Erased Typist");
        var sessionId = await SessionWithAnswersAsync(learner, 100, verified: true);
        var before = await CountsAsync(learner.LearnerId, sessionId);

        using var erased = await app.SendAsync(HttpMethod.Delete, $"/api/v1/learners/{learner.LearnerId}/data", token);

        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.Equal((1, 2), before);
        Assert.Equal((0, 0), await CountsAsync(learner.LearnerId, sessionId));
        await using var connection = await app.DataSource.OpenConnectionAsync(Cancel);
        Assert.Equal(2, await connection.ExecuteScalarAsync<int>(
            "SELECT (data::jsonb->>'answerTypingBatchesDeleted')::int FROM audit.entries WHERE action = 'identity.erased' AND subject = 'learner:' || @LearnerId",
            new { learner.LearnerId }));
    }

    /// <summary>A session with answer typing; verified (no review case, so erasure takes it all) or ending NeedsReview.</summary>
    private async Task<Guid> SessionWithAnswersAsync(TestLearner learner, int keys, bool verified = false)
    {
        await using var player = await Hubs.StartSessionAsync(app, "json", learner);
        if (verified)
        {
            foreach (var frame in FaceSet.Enrolled.SessionFrames)
            {
                await player.SendFrameAndWaitAsync(frame);
            }

            Assert.True((await player.SendKeystrokesAsync(FaceSet.Enrolled.TypingCheck(0))).Usable);
        }

        foreach (var batch in AnswerTypings.Of(seed: 31, keys))
        {
            Assert.True((await player.SendAnswerTypingAsync(batch)).Recorded);
        }

        var verdict = await player.EndAsync();
        Assert.Equal(verified ? "Verified" : "NeedsReview", verdict.Verdict);
        return player.SessionId;
    }

    private async Task<(int Profiles, int Batches)> CountsAsync(Guid learnerId, Guid sessionId)
    {
        await using var connection = await app.DataSource.OpenConnectionAsync(Cancel);
        return await connection.QuerySingleAsync<(int, int)>(
            """
            SELECT (SELECT count(*) FROM proctoring.identity_profiles WHERE learner_id = @learnerId AND free_text_profile IS NOT NULL)::int,
                   (SELECT count(*) FROM proctoring.session_answer_typing WHERE session_id = @sessionId)::int
            """,
            new { learnerId, sessionId });
    }
}
