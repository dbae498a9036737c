using System.Text;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Verification.Access.Contracts;
using Verification.BuildingBlocks.Access;
using Verification.BuildingBlocks.Encryption;
using Verification.Proctoring.Sessions.Store;
using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.Sessions;

/// <summary>
/// Typing that leans against the learner without reaching the typing flag, through the real hub: kept with the session's
/// evidence without a flag, and shown to the reviewer when the case opens for another reason.
/// </summary>
public sealed class WeakTypingEvidenceScenarioTests(ProctoringApp app) : IClassFixture<ProctoringApp>
{
    [Fact]
    public async Task A_typing_impostor_above_the_flag_level_ends_verified_with_the_weak_evidence_recorded()
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        var (typist, checks) = await WeakTypist.FindAsync(app, learner);
        await using var player = await Hubs.StartSessionAsync(app, "json", learner);

        foreach (var frame in FaceSet.Enrolled.SessionFrames)
        {
            await player.SendFrameAndWaitAsync(frame);
        }

        for (var i = 0; i < checks; i++)
        {
            var result = await player.SendKeystrokesAsync(FaceSet.TypingCheckOf(typist, i));
            Assert.True(result.Usable, result.Message);
        }

        var verdict = await player.EndAsync();

        Assert.Equal("Verified", verdict.Verdict);
        Assert.Empty(verdict.Flags);
        var stored = await StoredEvidenceAsync(player.SessionId);
        Assert.Empty(stored.Flags);
        var weak = Assert.IsType<Matching.Fusion.WeakTypingEvidence>(stored.WeakTyping);
        Assert.Equal([.. Enumerable.Range(1, checks)], weak.Checks);
        Assert.True(weak.Evidence < 0 || 2 * weak.NegativeChecks.Count > checks, weak.Rule);
    }

    [Fact]
    public async Task A_case_opened_for_the_face_shows_the_weak_typing_evidence()
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        var (typist, checks) = await WeakTypist.FindAsync(app, learner);
        await using (var player = await Hubs.StartSessionAsync(app, "messagepack", learner))
        {
            foreach (var frame in FaceSet.Enrolled.SessionFrames.Take(3).Concat(FaceSet.Impostor.SessionFrames.Take(4)))
            {
                await player.SendFrameAndWaitAsync(frame);
            }

            for (var i = 0; i < checks; i++)
            {
                await player.SendKeystrokesAsync(FaceSet.TypingCheckOf(typist, i));
            }

            var verdict = await player.EndAsync();
            Assert.Equal("NeedsReview", verdict.Verdict);
            Assert.Contains(verdict.Flags, f => f.Kind == "FaceMismatch");
            Assert.DoesNotContain(verdict.Flags, f => f.Kind == "TypingMismatch");
        }

        using var reviewer = await Reviewers.SignInAsync(app, StaffRoles.Reviewer);
        var queue = await reviewer.GetJsonAsync($"/api/v1/review-cases?courseId={learner.CourseId}");
        var caseId = Assert.Single(queue.GetProperty("cases").EnumerateArray()).GetProperty("caseId").GetGuid();
        var view = await reviewer.GetJsonAsync($"/api/v1/review-cases/{caseId}");

        var weak = view.GetProperty("weakTypingEvidence");
        Assert.Equal([.. Enumerable.Range(1, checks)], weak.GetProperty("checks").EnumerateArray().Select(c => c.GetInt32()));
        Assert.Equal(checks, weak.GetProperty("scores").GetArrayLength());
        Assert.StartsWith("weak typing evidence, no flag", weak.GetProperty("rule").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(view.GetProperty("flags").EnumerateArray(), f => f.GetProperty("kind").GetString() == "TypingMismatch");
    }

    private async Task<StoredEvidence> StoredEvidenceAsync(Guid sessionId)
    {
        await using var connection = await app.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var row = await connection.QuerySingleAsync<(byte[] Evidence, string KeyId)>(
            "SELECT evidence, evidence_key_id FROM proctoring.sessions WHERE id = @sessionId", new { sessionId });
        var plain = app.Factory.Services.GetRequiredService<EnvelopeEncryption>().Decrypt(new EncryptedBlob(row.KeyId, row.Evidence), Encoding.UTF8.GetBytes($"session-evidence:{sessionId}"));
        return StoredEvidence.Read(plain);
    }
}
