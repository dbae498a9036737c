using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Npgsql;
using Verification.Enrollment.Api;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Enrollment.Learners.CreateLearner;

/// <summary>
/// A partner registers one of its learners. Sending the same external id again returns the learner already there
/// (200), so a platform can retry; an email already used by another of the partner's learners is a conflict.
/// </summary>
internal static class CreateLearnerEndpoint
{
    public sealed record LearnerRequest(Guid? PartnerId, string? FullName, string? Email, string? ExternalId);

    private const string Insert = """
        INSERT INTO enrollment.learners (id, partner_id, full_name, email, external_id, created_at)
        VALUES (@id, @partnerId, @fullName, @email, @externalId, @now)
        ON CONFLICT DO NOTHING
        RETURNING
        """ + " " + LearnerRow.Columns;

    private const string Existing = "SELECT " + LearnerRow.Columns + """
         FROM enrollment.learners
        WHERE partner_id = @partnerId AND (external_id = @externalId OR lower(email) = lower(@email))
        ORDER BY (external_id = @externalId) DESC NULLS LAST LIMIT 1
        """;

    public static void MapCreateLearner(this IEndpointRouteBuilder learners) =>
        learners.MapPost("/", CreateAsync).WithName("CreateLearner").Refuses(StatusCodes.Status400BadRequest, "invalid_input", "partner_required").Refuses(StatusCodes.Status404NotFound, "partner_not_found").Refuses(StatusCodes.Status409Conflict, "learner_exists").WithSummary("Register a learner of the calling partner (idempotent on external id).");

    private static async Task<Results<Created<LearnerView>, Ok<LearnerView>, ProblemHttpResult>> CreateAsync(
        LearnerRequest request, HttpContext http, NpgsqlDataSource dataSource, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (Caller.Of(http.User).PartnerFor(request.PartnerId) is not { } partnerId)
        {
            return request.PartnerId is null ? EnrollmentProblems.PartnerRequired() : EnrollmentProblems.NotFound("partner");
        }

        var (fullName, nameReason) = PersonInput.FullName(request.FullName);
        var (email, emailReason) = PersonInput.Email(request.Email);
        var (externalId, externalReason) = PersonInput.ExternalId(request.ExternalId);
        if ((nameReason ?? emailReason ?? externalReason) is { } reason)
        {
            return EnrollmentProblems.Invalid(reason + ".");
        }

        var id = Guid.CreateVersion7();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var created = await connection.QuerySingleOrDefaultAsync<LearnerRow>(new CommandDefinition(
            Insert, new { id, partnerId, fullName, email, externalId, now = time.GetUtcNow() }, cancellationToken: cancellationToken));
        if (created is not null)
        {
            loggers.CreateLogger(typeof(CreateLearnerEndpoint).FullName!).LogInformation("Partner {PartnerId} registered learner {LearnerId}", partnerId, created.LearnerId);
            return TypedResults.Created($"/api/v1/enrollment/learners/{created.LearnerId}", created.ToView());
        }

        var existing = await connection.QuerySingleAsync<LearnerRow>(new CommandDefinition(Existing, new { partnerId, externalId, email }, cancellationToken: cancellationToken));
        if (externalId is not null && existing.ExternalId == externalId && string.Equals(existing.Email, email, StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Ok(existing.ToView());
        }

        return EnrollmentProblems.Create(
            StatusCodes.Status409Conflict,
            "learner_exists",
            "The partner already has a learner with this email or external id.",
            $"Learner {existing.LearnerId} holds it; use that id, or send the same email and external id to get it back.");
    }
}
