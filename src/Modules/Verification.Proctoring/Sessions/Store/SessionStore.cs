using System.Text;
using System.Text.Json;
using Dapper;
using Npgsql;
using Verification.BuildingBlocks.Audit;
using Verification.BuildingBlocks.Encryption;
using Verification.BuildingBlocks.Ids;
using Verification.Matching.Fusion;

namespace Verification.Proctoring.Sessions.Store;

/// <summary>What a session leaves in the database: its row, per-frame scores, evidence frames, and a review case when needed.</summary>
internal sealed class SessionStore(NpgsqlDataSource dataSource, EnvelopeEncryption encryption, AuditLog audit, TimeProvider time)
{
    public async Task CreateAsync(Guid sessionId, Guid learnerId, Guid courseId, string assessmentId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO proctoring.sessions (id, learner_id, course_id, assessment_id, status, started_at)
            VALUES (@sessionId, @learnerId, @courseId, @assessmentId, 'open', @now)
            """,
            new { sessionId, learnerId, courseId, assessmentId, now = time.GetUtcNow() },
            cancellationToken: cancellationToken));
    }

    public async Task RecordFrameAsync(Guid sessionId, int frame, DateTimeOffset receivedAt, FrameObservation observation, string? code, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO proctoring.session_frames (session_id, frame, received_at, faces_found, match_score, liveness, rejection_code)
            VALUES (@sessionId, @frame, @receivedAt, @FacesFound, @score, @liveness, @code)
            ON CONFLICT DO NOTHING
            """,
            new { sessionId, frame, receivedAt, observation.FacesFound, score = (float?)observation.MatchScore, liveness = (float?)observation.Liveness, code },
            cancellationToken: cancellationToken));
    }

    public async Task KeepEvidenceAsync(Guid sessionId, IReadOnlyList<(int Frame, byte[] Image)> frames, CancellationToken cancellationToken)
    {
        if (frames.Count == 0)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        foreach (var (frame, image) in frames)
        {
            var blob = encryption.Encrypt(image, EvidenceBinding(sessionId, frame));
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO proctoring.evidence_frames (session_id, frame, image, key_id, kept_at)
                VALUES (@sessionId, @frame, @Payload, @KeyId, @now)
                ON CONFLICT DO NOTHING
                """,
                new { sessionId, frame, blob.Payload, blob.KeyId, now = time.GetUtcNow() },
                cancellationToken: cancellationToken));
        }
    }

    /// <summary>Ends the session with its verdict; opens a review case for <c>NeedsReview</c>. Returns the case id, if any.</summary>
    public async Task<Guid?> EndAsync(Guid sessionId, Guid learnerId, Guid courseId, bool timedOut, SessionVerdict verdict, int framesReceived, int framesShed, CancellationToken cancellationToken)
    {
        var evidence = encryption.Encrypt(JsonSerializer.SerializeToUtf8Bytes(verdict.Flags), Encoding.UTF8.GetBytes($"session-evidence:{sessionId}"));
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE proctoring.sessions
            SET status = @status, verdict = @verdict, priority = @priority, flag_kinds = @kinds, evidence = @Payload,
                evidence_key_id = @KeyId, frames_received = @framesReceived, frames_shed = @framesShed, ended_at = @now
            WHERE id = @sessionId AND status = 'open'
            """,
            new
            {
                sessionId,
                status = timedOut ? "timed_out" : "ended",
                verdict = verdict.Kind.ToString(),
                priority = verdict.Priority.ToString(),
                kinds = verdict.Flags.Select(f => f.Kind.ToString()).Distinct().ToArray(),
                evidence.Payload,
                evidence.KeyId,
                framesReceived,
                framesShed,
                now = time.GetUtcNow(),
            },
            transaction,
            cancellationToken: cancellationToken));
        if (updated == 0)
        {
            return null;
        }

        Guid? caseId = null;
        if (verdict.Kind == SessionVerdictKind.NeedsReview)
        {
            caseId = TimeOrderedId.New(time);
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO proctoring.review_cases (id, session_id, learner_id, course_id, priority, status, opened_at)
                VALUES (@caseId, @sessionId, @learnerId, @courseId, @priority, 'open', @now)
                """,
                new { caseId, sessionId, learnerId, courseId, priority = verdict.Priority.ToString(), now = time.GetUtcNow() },
                transaction,
                cancellationToken: cancellationToken));
        }

        var data = JsonSerializer.Serialize(new { verdict = verdict.Kind.ToString(), priority = verdict.Priority.ToString(), flags = verdict.Flags.Select(f => f.Kind.ToString()), caseId });
        await audit.AppendAsync(connection, transaction, new AuditEntry("system", "session.ended", $"session:{sessionId}", data), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return caseId;
    }

    public static byte[] EvidenceBinding(Guid sessionId, int frame) => Encoding.UTF8.GetBytes($"evidence-frame:{sessionId}:{frame}");
}
