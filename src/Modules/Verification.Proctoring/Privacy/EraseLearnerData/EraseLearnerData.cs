using Dapper;
using Npgsql;
using Verification.Proctoring.Sessions.Live;

namespace Verification.Proctoring.Privacy.EraseLearnerData;

internal sealed record LearnerDataErased(
    Guid LearnerId,
    DateTimeOffset ErasedAt,
    bool ConsentWithdrawn,
    int LiveSessionsEnded,
    bool IdentityProfileDeleted,
    int EnrollmentFramesDeleted,
    int TypingSamplesDeleted,
    int IdPhotosDeleted,
    int EvidenceFramesDeleted,
    int FrameScoresDeleted,
    int SessionEvidenceDeleted,
    int ReviewNotesRedacted,
    IReadOnlyList<KeptForReview> KeptForOpenReviews,
    string Summary);

/// <summary>A session whose evidence stays because a person is still reviewing it.</summary>
internal sealed record KeptForReview(Guid SessionId, Guid CaseId, string ReviewStatus, int EvidenceFrames);

/// <summary>
/// Erases a learner's biometric data on request. Consent is withdrawn first, so no new session starts, and a live
/// session is ended normally, so a review case it opens has its evidence. Then <see cref="LearnerErasure"/> destroys the
/// learner's keys and deletes the rows. Verdicts and the audit trail stay (they hold no biometric data); evidence under
/// an open review case stays until the case closes, when the retention job completes the erasure.
/// </summary>
internal sealed class EraseLearnerDataHandler(NpgsqlDataSource dataSource, LiveSessions live, SessionLifecycle lifecycle, LearnerErasure erasure, TimeProvider time)
{
    private const string WithdrawSql = "UPDATE proctoring.consents SET withdrawn_at = @now WHERE learner_id = @learnerId AND withdrawn_at IS NULL";

    public async Task<LearnerDataErased> HandleAsync(Guid learnerId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        int withdrawn;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            withdrawn = await connection.ExecuteAsync(new CommandDefinition(WithdrawSql, new { learnerId, now }, cancellationToken: cancellationToken));
        }

        var ended = 0;
        foreach (var session in live.All.Where(s => s.LearnerId == learnerId).ToList())
        {
            await lifecycle.EndAsync(session, timedOut: false);
            ended++;
        }

        var pass = await erasure.RunAsync(learnerId, request: true, $"learner:{learnerId}", cancellationToken);
        return new LearnerDataErased(
            learnerId, now, withdrawn > 0, ended, pass.IdentityProfileDeleted, pass.EnrollmentFramesDeleted, pass.TypingSamplesDeleted, pass.IdPhotosDeleted,
            pass.EvidenceFramesDeleted, pass.FrameScoresDeleted, pass.SessionEvidenceDeleted, pass.ReviewNotesRedacted, pass.KeptForOpenReviews, Summarize(pass.KeptForOpenReviews));
    }

    private static string Summarize(IReadOnlyList<KeptForReview> kept)
    {
        if (kept.Count == 0)
        {
            return "Your face and typing profile, your enrollment photos and typing samples, your ID photo, the photos and scores kept from your assessments "
                + "and reviewers' notes about you are erased, and your consent is withdrawn. The record that this happened and your assessments' verdicts remain; "
                + "they hold no biometric data, and certificates already issued stay valid.";
        }

        var cases = string.Join(", ", kept.Select(k => k.CaseId));
        return "Your face and typing profile, your enrollment photos and typing samples and your ID photo are erased, and your consent is withdrawn. "
            + $"{kept.Count} of your assessments is still being reviewed by a person (review cases {cases}): its photos are kept until that review is closed, "
            + "because nothing is deleted while its review is open, and are then erased without you asking again. "
            + "The record that this happened and your assessments' verdicts remain.";
    }
}
