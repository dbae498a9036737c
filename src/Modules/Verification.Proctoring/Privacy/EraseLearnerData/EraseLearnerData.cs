using System.Text.Json;
using Dapper;
using Npgsql;
using Verification.BuildingBlocks.Audit;

namespace Verification.Proctoring.Privacy.EraseLearnerData;

internal sealed record LearnerDataErased(
    Guid LearnerId,
    DateTimeOffset ErasedAt,
    bool ConsentWithdrawn,
    bool IdentityProfileDeleted,
    int EnrollmentFramesDeleted,
    int TypingSamplesDeleted,
    int IdPhotosDeleted,
    int EvidenceFramesDeleted,
    int SessionEvidenceDeleted,
    IReadOnlyList<KeptForReview> KeptForOpenReviews,
    string Summary);

/// <summary>A session whose evidence stays because a person is still reviewing it.</summary>
internal sealed record KeptForReview(Guid SessionId, Guid CaseId, string ReviewStatus, int EvidenceFrames);

/// <summary>
/// Erases a learner's biometric data on request: consent withdrawn, identity profile, enrollment captures, ID photo,
/// evidence frames and sessions' encrypted evidence deleted. Verdicts and the audit trail stay (they hold no biometric
/// data), and so does the evidence of a session whose review case is still open: nothing is deleted while its review
/// is open (DESIGN.md, Privacy); it goes when the case is closed and the learner asks again.
/// </summary>
internal sealed class EraseLearnerDataHandler(NpgsqlDataSource dataSource, AuditLog audit, TimeProvider time)
{
    private const string OpenReviewStatuses = "('open', 'escalated')";

    private const string KeptSql = $"""
        SELECT s.id AS "SessionId", c.id AS "CaseId", c.status AS "ReviewStatus",
               (SELECT count(*) FROM proctoring.evidence_frames e WHERE e.session_id = s.id)::int AS "EvidenceFrames"
        FROM proctoring.sessions s JOIN proctoring.review_cases c ON c.session_id = s.id
        WHERE s.learner_id = @learnerId AND c.status IN {OpenReviewStatuses}
        ORDER BY s.started_at
        """;

    private const string EraseSql = $"""
        WITH withdrawn AS (
            UPDATE proctoring.consents SET withdrawn_at = @now WHERE learner_id = @learnerId AND withdrawn_at IS NULL RETURNING id
        ), profile AS (
            DELETE FROM proctoring.identity_profiles WHERE learner_id = @learnerId RETURNING learner_id
        ), frames AS (
            DELETE FROM proctoring.enrollment_frames WHERE learner_id = @learnerId RETURNING id
        ), samples AS (
            DELETE FROM proctoring.enrollment_typing_samples WHERE learner_id = @learnerId RETURNING id
        ), photos AS (
            DELETE FROM proctoring.id_photos WHERE learner_id = @learnerId RETURNING learner_id
        ), erasable AS (
            SELECT s.id FROM proctoring.sessions s
            WHERE s.learner_id = @learnerId
              AND NOT EXISTS (SELECT 1 FROM proctoring.review_cases c WHERE c.session_id = s.id AND c.status IN {OpenReviewStatuses})
        ), evidence_frames AS (
            DELETE FROM proctoring.evidence_frames WHERE session_id IN (SELECT id FROM erasable) RETURNING session_id
        ), session_evidence AS (
            UPDATE proctoring.sessions SET evidence = NULL, evidence_key_id = NULL
            WHERE id IN (SELECT id FROM erasable) AND evidence IS NOT NULL RETURNING id
        )
        SELECT (SELECT count(*) FROM withdrawn)::int AS "Withdrawn", (SELECT count(*) FROM profile)::int AS "Profiles",
               (SELECT count(*) FROM frames)::int AS "Frames", (SELECT count(*) FROM samples)::int AS "Samples",
               (SELECT count(*) FROM photos)::int AS "Photos", (SELECT count(*) FROM evidence_frames)::int AS "EvidenceFrames",
               (SELECT count(*) FROM session_evidence)::int AS "SessionEvidence"
        """;

    public async Task<LearnerDataErased> HandleAsync(Guid learnerId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var kept = (await connection.QueryAsync<KeptForReview>(new CommandDefinition(KeptSql, new { learnerId }, transaction, cancellationToken: cancellationToken))).ToList();
        var counts = await connection.QuerySingleAsync<Counts>(new CommandDefinition(EraseSql, new { learnerId, now }, transaction, cancellationToken: cancellationToken));
        var data = JsonSerializer.Serialize(new
        {
            consentWithdrawn = counts.Withdrawn > 0,
            identityProfileDeleted = counts.Profiles > 0,
            enrollmentFramesDeleted = counts.Frames,
            typingSamplesDeleted = counts.Samples,
            idPhotosDeleted = counts.Photos,
            evidenceFramesDeleted = counts.EvidenceFrames,
            sessionEvidenceDeleted = counts.SessionEvidence,
            keptForOpenReviews = kept.Select(k => k.SessionId),
        });
        await audit.AppendAsync(connection, transaction, new AuditEntry($"learner:{learnerId}", "identity.erased", $"learner:{learnerId}", data), cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        return new LearnerDataErased(
            learnerId, now, counts.Withdrawn > 0, counts.Profiles > 0, counts.Frames, counts.Samples, counts.Photos, counts.EvidenceFrames, counts.SessionEvidence, kept, Summarize(kept));
    }

    private static string Summarize(IReadOnlyList<KeptForReview> kept)
    {
        if (kept.Count == 0)
        {
            return "Your face and typing profile, your enrollment photos and typing samples, your ID photo and the photos kept from your assessments are deleted, and your consent is withdrawn. "
                + "The record that this happened and your assessments' verdicts remain; they hold no biometric data.";
        }

        return "Your face and typing profile, your enrollment photos and typing samples and your ID photo are deleted, and your consent is withdrawn. "
            + $"{kept.Count} of your assessments is still being reviewed by a person: its photos are kept until that review is closed, because nothing is deleted while its review is open. "
            + "Ask again after the review to delete them. The record that this happened and your assessments' verdicts remain.";
    }

    // The CTE answers one row of counts.
    private sealed record Counts(int Withdrawn, int Profiles, int Frames, int Samples, int Photos, int EvidenceFrames, int SessionEvidence);
}
