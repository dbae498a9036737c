using Dapper;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.Catalog.Contracts;
using Verification.Enrollment.Api;
using Verification.Enrollment.Contracts;
using Verification.Enrollment.Learners;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Enrollment.Enrollments.EnrollInCourse;

/// <summary>
/// Enrolls one of the partner's learners in one of the partner's courses, or in every course of a specialization, on
/// the audit or the verified track. Enrolling again changes nothing, except that an audit enrollment moves up to verified.
/// </summary>
internal static class EnrollEndpoint
{
    public sealed record EnrollRequest(Guid? CourseId, Guid? SpecializationId, EnrollmentTrack Track);

    private const string Upsert = """
        INSERT INTO enrollment.enrollments (id, learner_id, course_id, specialization_id, certificate_track_id, track, enrolled_at)
        SELECT o.id, @learnerId, o.course_id, @specializationId, @trackId, @track, @now FROM unnest(@courseIds, @ids) AS o(course_id, id)
        ON CONFLICT (learner_id, course_id) DO UPDATE SET track = 'verified', certificate_track_id = excluded.certificate_track_id
            WHERE enrollments.track = 'audit' AND excluded.track = 'verified'
        """;

    private const string Read = "SELECT " + EnrollmentRow.Columns + " FROM enrollment.enrollments WHERE learner_id = @learnerId AND course_id = ANY(@courseIds)";

    public static void MapEnroll(this IEndpointRouteBuilder learners) =>
        learners.MapPost("/{learnerId:guid}/enrollments", EnrollAsync).WithName("EnrollLearner").Refuses(StatusCodes.Status400BadRequest, "invalid_input").Refuses(StatusCodes.Status404NotFound, "learner_not_found", "course_not_found", "specialization_not_found").Refuses(StatusCodes.Status409Conflict, "no_verified_track", "course_retired", "specialization_retired")
            .WithSummary("Enroll the learner in a course or a specialization, on the audit or verified track (idempotent).");

    private static async Task<Results<Ok<IReadOnlyList<EnrollmentView>>, ProblemHttpResult>> EnrollAsync(
        Guid learnerId, EnrollRequest request, HttpContext http, NpgsqlDataSource dataSource, IMediator mediator, TimeProvider time, CancellationToken cancellationToken)
    {
        if ((request.CourseId is null) == (request.SpecializationId is null) || !Enum.IsDefined(request.Track))
        {
            return EnrollmentProblems.Invalid("Give either courseId or specializationId, and track 'audit' or 'verified'.");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (await LearnerAccess.FindAsync(connection, Caller.Of(http.User), learnerId, cancellationToken) is not { } learner)
        {
            return EnrollmentProblems.NotFound("learner");
        }

        var offering = await Offerings.FindAsync(mediator, request.CourseId, request.SpecializationId, learner.PartnerId, cancellationToken);
        if (offering.Problem is { } problem)
        {
            return problem;
        }

        Guid? trackId = null;
        if (request.Track == EnrollmentTrack.Verified)
        {
            var track = await mediator.Send(new GetCertificateTrackOf(request.CourseId ?? request.SpecializationId!.Value), cancellationToken);
            if (track is null)
            {
                return EnrollmentProblems.Create(StatusCodes.Status409Conflict, "no_verified_track", "There is no verified track to enroll in.", "Enroll on the audit track, or add a certificate track first.");
            }

            trackId = track.TrackId;
        }

        var courseIds = offering.CourseIds.ToArray();
        await connection.ExecuteAsync(new CommandDefinition(Upsert, new
        {
            ids = courseIds.Select(_ => Guid.CreateVersion7()).ToArray(),
            learnerId,
            courseIds,
            request.SpecializationId,
            trackId,
            track = Tracks.ToColumn(request.Track),
            now = time.GetUtcNow(),
        }, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<EnrollmentRow>(new CommandDefinition(Read, new { learnerId, courseIds }, cancellationToken: cancellationToken));
        return TypedResults.Ok<IReadOnlyList<EnrollmentView>>([.. rows.Select(r => r.ToView())]);
    }
}
