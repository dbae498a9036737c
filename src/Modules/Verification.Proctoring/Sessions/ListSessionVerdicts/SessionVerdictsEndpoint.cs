using Dapper;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.BuildingBlocks.Access;
using Verification.Proctoring.Contracts;

namespace Verification.Proctoring.Sessions.ListSessionVerdicts;

/// <summary>
/// What a platform's certificate service may know about a learner's checks in a course: the identity status and each
/// session's verdict, flags, timestamps and review outcome. No frames, scores or templates.
/// </summary>
internal static class SessionVerdictsEndpoint
{
    public sealed class SessionVerdict
    {
        public Guid SessionId { get; init; }

        public string AssessmentId { get; init; } = "";

        public int Attempt { get; init; }

        public string Status { get; init; } = "";

        public string? Verdict { get; init; }

        public string? Priority { get; init; }

        public string[] Flags { get; init; } = [];

        public DateTime StartedAt { get; init; }

        public DateTime? EndedAt { get; init; }

        public string? ReviewStatus { get; init; }

        public DateTime? ReviewDecidedAt { get; init; }

        /// <summary>Why the session had no typing checks (<c>touch_keyboard</c>): its verdict rests on the face alone.</summary>
        public string? TypingUnavailable { get; init; }
    }

    public sealed record LearnerVerdicts(IdentityVerificationStatus Identity, IReadOnlyList<SessionVerdict> Sessions);

    private const string Sql = """
        SELECT s.id AS "SessionId", s.assessment_id AS "AssessmentId", s.attempt AS "Attempt", s.status AS "Status",
               s.verdict AS "Verdict", s.priority AS "Priority", s.flag_kinds AS "Flags", s.started_at AS "StartedAt",
               s.ended_at AS "EndedAt", c.status AS "ReviewStatus", c.decided_at AS "ReviewDecidedAt",
               s.typing_unavailable AS "TypingUnavailable"
        FROM proctoring.sessions s LEFT JOIN proctoring.review_cases c ON c.session_id = s.id
        WHERE s.learner_id = @learnerId AND s.course_id = @courseId
        ORDER BY s.started_at
        """;

    public static void MapSessionVerdicts(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/v1/identity/learners/{learnerId:guid}/courses/{courseId:guid}/sessions", GetAsync)
            .RequireAuthorization(AccessPolicies.PartnerScope(ApiScopes.IdentityRead))
            .WithTags("Certificates")
            .WithSummary("A learner's identity status and every verification session of the course: verdict, flags, times and review outcome (no biometric data). identity:read, for the partner of the learner and the course.");

    private static async Task<Ok<LearnerVerdicts>> GetAsync(Guid learnerId, Guid courseId, NpgsqlDataSource dataSource, IMediator mediator, CancellationToken cancellationToken)
    {
        var identity = await mediator.Send(new Contracts.IsIdentityVerified(learnerId, courseId), cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var sessions = await connection.QueryAsync<SessionVerdict>(new CommandDefinition(Sql, new { learnerId, courseId }, cancellationToken: cancellationToken));
        return TypedResults.Ok(new LearnerVerdicts(identity, [.. sessions]));
    }
}
