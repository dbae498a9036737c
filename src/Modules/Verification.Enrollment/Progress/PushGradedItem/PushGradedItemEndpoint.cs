using Dapper;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.Catalog.Contracts;
using Verification.BuildingBlocks.Outbox;
using Verification.Enrollment.Api;
using Verification.BuildingBlocks.OpenApi;
using Verification.Enrollment.Contracts;

namespace Verification.Enrollment.Progress.PushGradedItem;

/// <summary>
/// The result of one graded item. When every graded item of the course has passed, the enrollment completes (passed) at
/// the time of the last pass; a completion is recorded once and a later push never moves or undoes it.
/// </summary>
internal static class PushGradedItemEndpoint
{
    public sealed record GradedItemPush(bool Passed, decimal? Grade, DateTimeOffset? OccurredAt);

    private const string Upsert = """
        INSERT INTO enrollment.graded_item_results (enrollment_id, item_id, passed, grade, occurred_at)
        VALUES (@enrollmentId, @itemId, @Passed, @Grade, @OccurredAt)
        ON CONFLICT (enrollment_id, item_id) DO UPDATE SET passed = excluded.passed, grade = excluded.grade, occurred_at = excluded.occurred_at
            WHERE graded_item_results.occurred_at < excluded.occurred_at
        """;

    private const string Touch = "UPDATE enrollment.enrollments SET last_activity_at = greatest(last_activity_at, @OccurredAt) WHERE id = @enrollmentId";

    private const string Complete = """
        UPDATE enrollment.enrollments e SET completed_at = r.last_pass, passed = true
        FROM (SELECT count(*) FILTER (WHERE passed) AS passed_items, max(occurred_at) FILTER (WHERE passed) AS last_pass
              FROM enrollment.graded_item_results WHERE enrollment_id = @enrollmentId) r
        WHERE e.id = @enrollmentId AND e.completed_at IS NULL AND @gradedItems > 0 AND r.passed_items >= @gradedItems
        RETURNING e.completed_at
        """;

    public static void MapPushGradedItem(this IEndpointRouteBuilder learners) =>
        learners.MapPut("/{learnerId:guid}/courses/{courseId:guid}/graded-items/{itemId}", PushAsync).WithName("PushGradedItem").Refuses(StatusCodes.Status400BadRequest, "invalid_input").Refuses(StatusCodes.Status404NotFound, "enrollment_not_found")
            .WithSummary("Record a graded item's result as of occurredAt; the course completes when every graded item has passed.");

    private static async Task<Results<Ok<PushResult>, ProblemHttpResult>> PushAsync(
        Guid learnerId, Guid courseId, string itemId, GradedItemPush push, HttpContext http, NpgsqlDataSource dataSource, IMediator mediator, Outbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var itemReason = itemId.Length is >= 1 and <= 200 ? null : "itemId must be 1 to 200 characters.";
        var gradeReason = push.Grade is null or (>= 0 and <= 1) ? null : "grade is a fraction from 0 to 1.";
        if ((itemReason ?? gradeReason ?? LearnerCourse.OccurredAtReason(push.OccurredAt, time)) is { } reason)
        {
            return EnrollmentProblems.Invalid(reason);
        }

        var course = await mediator.Send(new GetCoursePartner(courseId), cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (course is null || await LearnerCourse.LockAsync(connection, transaction, Caller.Of(http.User), learnerId, courseId, course.PartnerId, cancellationToken) is not { } enrollmentId)
        {
            return EnrollmentProblems.NotFound("enrollment");
        }

        var parameters = new { enrollmentId, itemId, push.Passed, push.Grade, push.OccurredAt, gradedItems = course.GradedItems };
        var applied = await connection.ExecuteAsync(new CommandDefinition(Upsert, parameters, transaction, cancellationToken: cancellationToken)) == 1;
        if (applied)
        {
            await connection.ExecuteAsync(new CommandDefinition(Touch, parameters, transaction, cancellationToken: cancellationToken));
            var completedAt = await connection.QuerySingleOrDefaultAsync<DateTime?>(new CommandDefinition(Complete, parameters, transaction, cancellationToken: cancellationToken));
            if (completedAt is { } at)
            {
                await EnrollmentOutbox.AppendAsync(connection, transaction, new CourseCompleted(learnerId, courseId, enrollmentId, new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc))), time.GetUtcNow(), cancellationToken);
            }
        }

        var enrollment = await LearnerCourse.ReadAsync(connection, transaction, enrollmentId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // Through the outbox: a crash after the commit loses no completion; delivered now, so the certificate
        // decision has run when this answer arrives.
        await outbox.DispatchAsync(EnrollmentOutbox.Table, CancellationToken.None);
        return TypedResults.Ok(new PushResult(applied, enrollment));
    }
}
