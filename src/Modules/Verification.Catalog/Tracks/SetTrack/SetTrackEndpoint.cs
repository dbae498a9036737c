using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.Catalog.Api;
using Verification.Catalog.Contracts;
using Verification.Catalog.Courses;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Catalog.Tracks.SetTrack;

/// <summary>Creates or changes the verified-certificate track of a course or a specialization (one track each).</summary>
internal static class SetTrackEndpoint
{
    public sealed record TrackRequest(long PriceMinor, string? Currency, bool RequiresIdentityVerification, TypingCheckPolicy TypingCheck);

    private const string Owner = """
        SELECT partner_id FROM catalog.courses WHERE id = @ownerId
        UNION ALL SELECT partner_id FROM catalog.specializations WHERE id = @ownerId
        """;

    private const string Upsert = """
        INSERT INTO catalog.certificate_tracks (id, course_id, specialization_id, price_minor, currency, requires_identity_verification, typing_check, created_at)
        SELECT @id, c.id, s.id, @PriceMinor, @Currency, @RequiresIdentityVerification, @typingCheck, @now
        FROM (SELECT @ownerId AS owner) o
        LEFT JOIN catalog.courses c ON c.id = o.owner
        LEFT JOIN catalog.specializations s ON s.id = o.owner
        ON CONFLICT (course_id) WHERE course_id IS NOT NULL DO UPDATE SET
            price_minor = excluded.price_minor, currency = excluded.currency,
            requires_identity_verification = excluded.requires_identity_verification, typing_check = excluded.typing_check, updated_at = @now
        """;

    private const string UpdateSpecialization = """
        UPDATE catalog.certificate_tracks SET price_minor = @PriceMinor, currency = @Currency,
            requires_identity_verification = @RequiresIdentityVerification, typing_check = @typingCheck, updated_at = @now
        WHERE specialization_id = @ownerId
        """;

    public static void MapSetTrack(this IEndpointRouteBuilder writes) =>
        writes.MapPut("/tracks/{courseOrSpecializationId:guid}", SetAsync).WithName("SetCertificateTrack").Refuses(StatusCodes.Status400BadRequest, "invalid_input").Refuses(StatusCodes.Status404NotFound, "course_not_found")
            .WithSummary("Create or change the verified track of a course or specialization: price in minor units, identity verification, typing checks.");

    private static async Task<Results<Ok<TrackView>, ProblemHttpResult>> SetAsync(
        Guid courseOrSpecializationId, TrackRequest request, HttpContext http, NpgsqlDataSource dataSource, TimeProvider time, CancellationToken cancellationToken)
    {
        var priceReason = request.PriceMinor is >= 0 and <= 100_000_000 ? null : "priceMinor must be between 0 and 100000000 minor units (cents for USD).";
        var policyReason = Enum.IsDefined(request.TypingCheck) ? null : "typingCheck must be none, first_assessment or every_assessment.";
        if (CatalogInput.FirstOf(priceReason, CatalogInput.Currency(request.Currency), policyReason) is { } reason)
        {
            return CatalogProblems.Invalid(reason);
        }

        var caller = Caller.Of(http.User);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var owner = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(Owner, new { ownerId = courseOrSpecializationId }, cancellationToken: cancellationToken));
        if (owner is not { } partnerId || !caller.MayActFor(partnerId))
        {
            return CatalogProblems.NotFound("course");
        }

        var parameters = new
        {
            id = Guid.CreateVersion7(),
            ownerId = courseOrSpecializationId,
            request.PriceMinor,
            request.Currency,
            request.RequiresIdentityVerification,
            typingCheck = TypingChecks.ToColumn(request.TypingCheck),
            now = time.GetUtcNow(),
        };
        var updated = await connection.ExecuteAsync(new CommandDefinition(UpdateSpecialization, parameters, cancellationToken: cancellationToken));
        if (updated == 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(Upsert, parameters, cancellationToken: cancellationToken));
        }

        var track = await connection.QuerySingleAsync<TrackRow>(new CommandDefinition(
            "SELECT id AS TrackId, course_id AS CourseId, specialization_id AS SpecializationId, price_minor AS PriceMinor, currency AS Currency, requires_identity_verification AS RequiresIdentityVerification, typing_check AS TypingCheck FROM catalog.certificate_tracks WHERE course_id = @ownerId OR specialization_id = @ownerId",
            new { ownerId = courseOrSpecializationId }, cancellationToken: cancellationToken));
        var facts = track.ToFacts();
        return TypedResults.Ok(new TrackView(facts.TrackId, facts.PriceMinor, facts.Currency, facts.RequiresIdentityVerification, facts.TypingCheck));
    }
}
