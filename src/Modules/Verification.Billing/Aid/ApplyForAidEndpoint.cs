using Dapper;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Npgsql;
using Verification.BuildingBlocks.OpenApi;
using Verification.Billing.Api;
using Verification.Catalog.Contracts;

namespace Verification.Billing.Aid;

/// <summary>A learner asks for financial aid on a track: a reason and an income bracket; an admin decides.</summary>
internal static class ApplyForAidEndpoint
{
    public sealed record AidRequest(Guid? CourseId, Guid? SpecializationId, string? Reason, string? IncomeBracket);

    private const string Insert = """
        INSERT INTO billing.aid_applications (id, learner_id, certificate_track_id, reason, income_bracket, status, created_at)
        VALUES (@id, @learnerId, @trackId, @reason, @bracket, 'pending', @now)
        ON CONFLICT (learner_id, certificate_track_id) WHERE status IN ('pending', 'approved') DO NOTHING
        RETURNING
        """ + " " + AidView.Columns;

    public static void MapApplyForAid(this IEndpointRouteBuilder learners)
    {
        learners.MapPost("/aid", ApplyAsync).WithName("ApplyForAid")
            .WithSummary("Apply for financial aid on a course's or specialization's verified track, with a reason and an income bracket.")
            .Refuses(StatusCodes.Status400BadRequest, "invalid_input").Refuses(StatusCodes.Status404NotFound, "track_not_found").Refuses(StatusCodes.Status409Conflict, "aid_already_open");
        learners.MapGet("/aid", ListAsync).WithName("ListAidApplications")
            .WithSummary("The learner's financial-aid applications and their decisions.");
    }

    private static async Task<Results<Created<AidView>, ProblemHttpResult>> ApplyAsync(
        Guid learnerId, AidRequest request, HttpContext http, NpgsqlDataSource dataSource, IMediator mediator, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var reason = request.Reason?.Trim();
        if ((request.CourseId is null) == (request.SpecializationId is null) || reason is not { Length: >= 10 and <= 2000 } || !AidView.Brackets.Contains(request.IncomeBracket))
        {
            return BillingProblems.Invalid("Give courseId or specializationId, a reason of 10 to 2000 characters and incomeBracket 'none', 'low', 'middle' or 'high'.");
        }

        var track = await mediator.Send(new GetCertificateTrackForSale(request.CourseId ?? request.SpecializationId!.Value), cancellationToken);
        if (track is null || track.PartnerId != LearnerCaller.PartnerOf(http.User))
        {
            return BillingProblems.TrackNotFound();
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var view = await connection.QuerySingleOrDefaultAsync<AidView>(new CommandDefinition(Insert, new
        {
            id = Guid.CreateVersion7(), learnerId, trackId = track.TrackId, reason, bracket = request.IncomeBracket, now = time.GetUtcNow(),
        }, cancellationToken: cancellationToken));
        if (view is null)
        {
            return BillingProblems.Create(StatusCodes.Status409Conflict, "aid_already_open", "An application for this track is pending or approved.", "Wait for the decision on it.");
        }

        loggers.CreateLogger(typeof(ApplyForAidEndpoint)).LogInformation("Aid application {ApplicationId} for track {TrackId}", view.ApplicationId, track.TrackId);
        return TypedResults.Created($"/api/v1/learners/{learnerId}/billing/aid", view);
    }

    private static async Task<Ok<IReadOnlyList<AidView>>> ListAsync(Guid learnerId, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<AidView>(new CommandDefinition(
            "SELECT " + AidView.Columns + " FROM billing.aid_applications WHERE learner_id = @learnerId ORDER BY created_at DESC", new { learnerId }, cancellationToken: cancellationToken));
        return TypedResults.Ok<IReadOnlyList<AidView>>([.. rows]);
    }
}
