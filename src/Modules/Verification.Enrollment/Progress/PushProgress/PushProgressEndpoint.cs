using Dapper;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.Catalog.Contracts;
using Verification.Enrollment.Api;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Enrollment.Progress.PushProgress;

internal static class PushProgressEndpoint
{
    public sealed record ProgressPush(decimal Progress, decimal? Grade, DateTimeOffset? OccurredAt);

    // Strictly newer only: the same push again, or an older one arriving late, changes nothing.
    private const string Sql = """
        UPDATE enrollment.enrollments
        SET progress = @Progress, grade = coalesce(@Grade, grade), progress_at = @OccurredAt,
            last_activity_at = greatest(last_activity_at, @OccurredAt)
        WHERE id = @enrollmentId AND (progress_at IS NULL OR progress_at < @OccurredAt)
        """;

    public static void MapPushProgress(this IEndpointRouteBuilder learners) =>
        learners.MapPut("/{learnerId:guid}/courses/{courseId:guid}/progress", PushAsync).WithName("PushProgress").Refuses(StatusCodes.Status400BadRequest, "invalid_input").Refuses(StatusCodes.Status404NotFound, "enrollment_not_found")
            .WithSummary("Record the learner's overall progress and grade (0 to 1) as of occurredAt; older pushes are ignored.");

    private static async Task<Results<Ok<PushResult>, ProblemHttpResult>> PushAsync(
        Guid learnerId, Guid courseId, ProgressPush push, HttpContext http, NpgsqlDataSource dataSource, IMediator mediator, TimeProvider time, CancellationToken cancellationToken)
    {
        var rangeReason = push.Progress is >= 0 and <= 1 && push.Grade is null or (>= 0 and <= 1) ? null : "progress and grade are fractions from 0 to 1.";
        if ((rangeReason ?? LearnerCourse.OccurredAtReason(push.OccurredAt, time)) is { } reason)
        {
            return EnrollmentProblems.Invalid(reason);
        }

        var course = await mediator.Send(new GetCoursePartner(courseId), cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await LearnerCourse.LockAsync(connection, transaction, Caller.Of(http.User), learnerId, courseId, course?.PartnerId, cancellationToken) is not { } enrollmentId)
        {
            return EnrollmentProblems.NotFound("enrollment");
        }

        var applied = await connection.ExecuteAsync(new CommandDefinition(
            Sql, new { enrollmentId, push.Progress, push.Grade, push.OccurredAt }, transaction, cancellationToken: cancellationToken)) == 1;
        var enrollment = await LearnerCourse.ReadAsync(connection, transaction, enrollmentId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new PushResult(applied, enrollment));
    }
}
