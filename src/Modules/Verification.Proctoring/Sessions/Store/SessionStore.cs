using System.Text;
using Dapper;
using Npgsql;
using Verification.Proctoring.Identity;
using Verification.BuildingBlocks.Ids;
using Verification.Matching.Fusion;
using Verification.Proctoring.Sessions.Nodes;

namespace Verification.Proctoring.Sessions.Store;

/// <summary>What a session leaves in the database: its row, per-frame scores, evidence frames, and a review case when needed.</summary>
internal sealed class SessionStore(NpgsqlDataSource dataSource, BiometricCipher cipher, ProctoringNode node, TimeProvider time)
{
    /// <summary>Records the new session as served by this node; false when the token already opened one (its id is unique among sessions).</summary>
    public async Task<bool> CreateAsync(Guid sessionId, Guid learnerId, Guid courseId, string assessmentId, int attempt, Guid tokenId, string? typingUnavailable, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO proctoring.sessions (id, learner_id, course_id, assessment_id, attempt, token_id, status, started_at, node_id, typing_unavailable)
            VALUES (@sessionId, @learnerId, @courseId, @assessmentId, @attempt, @tokenId, 'open', @now, @node, @typingUnavailable)
            ON CONFLICT (token_id) DO NOTHING
            """,
            new { sessionId, learnerId, courseId, assessmentId, attempt, tokenId, now = time.GetUtcNow(), node = node.Id, typingUnavailable },
            cancellationToken: cancellationToken));
        return inserted == 1;
    }

    /// <summary>The stored status of a session of this learner (<c>open</c>, <c>ended</c>, <c>timed_out</c>, <c>interrupted</c>), or null.</summary>
    public async Task<string?> StatusAsync(Guid sessionId, Guid learnerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT status FROM proctoring.sessions WHERE id = @sessionId AND learner_id = @learnerId",
            new { sessionId, learnerId },
            cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Records one analysed frame with what its evidence needs to be rebuilt on another node: <paramref name="observed"/>
    /// is false for a frame only accounted for (unreadable), and <paramref name="shedBefore"/> names the frames shed
    /// since the previous one.
    /// </summary>
    public async Task RecordFrameAsync(Guid sessionId, int frame, DateTimeOffset receivedAt, FrameObservation observation, string? code, bool observed, int[] shedBefore, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO proctoring.session_frames (session_id, frame, received_at, faces_found, match_score, liveness, rejection_code, brightness, frozen, observed, shed_before)
            VALUES (@sessionId, @frame, @receivedAt, @FacesFound, @score, @liveness, @code, @brightness, @Frozen, @observed, @shedBefore)
            ON CONFLICT DO NOTHING
            """,
            new
            {
                sessionId, frame, receivedAt, observation.FacesFound, score = (float?)observation.MatchScore, liveness = (float?)observation.Liveness, code,
                brightness = (float?)observation.Brightness, observation.Frozen, observed, shedBefore,
            },
            cancellationToken: cancellationToken));
    }

    /// <summary>Names a frame whose analysis failed, so that a node taking the session over raises the same flag.</summary>
    public async Task RecordFailureAsync(Guid sessionId, int frame, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE proctoring.sessions SET failed_frames = array_append(failed_frames, @frame) WHERE id = @sessionId AND NOT (@frame = ANY (failed_frames))",
            new { sessionId, frame },
            cancellationToken: cancellationToken));
    }

    public async Task KeepEvidenceAsync(Guid sessionId, Guid learnerId, IReadOnlyList<(int Frame, byte[] Image)> frames, CancellationToken cancellationToken)
    {
        if (frames.Count == 0)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        foreach (var (frame, image) in frames)
        {
            var blob = await cipher.EncryptAsync(learnerId, LearnerKeys.SessionScope(sessionId), image, EvidenceBinding(sessionId, frame), cancellationToken);
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

    public static byte[] EvidenceBinding(Guid sessionId, int frame) => Encoding.UTF8.GetBytes($"evidence-frame:{sessionId}:{frame}");
}
