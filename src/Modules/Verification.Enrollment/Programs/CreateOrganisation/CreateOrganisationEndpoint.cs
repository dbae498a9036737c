using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.Enrollment.Api;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Enrollment.Programs.CreateOrganisation;

internal static class CreateOrganisationEndpoint
{
    public sealed record OrganisationRequest(string? Name, string? Slug, Guid? PartnerId);

    public sealed record OrganisationCreated(Guid OrganisationId, string Name, string Slug);

    private const string Sql = "INSERT INTO enrollment.organisations (id, name, slug, partner_id, created_at) VALUES (@id, @name, @Slug, @partnerId, @now)";

    public static void MapCreateOrganisation(this IEndpointRouteBuilder programs) =>
        programs.MapPost("/organisations", CreateAsync).WithName("CreateOrganisation").Refuses(StatusCodes.Status400BadRequest, "invalid_input").Refuses(StatusCodes.Status404NotFound, "partner_not_found").Refuses(StatusCodes.Status409Conflict, "slug_taken").WithSummary("Add an organisation that buys licences for its people.");

    private static async Task<Results<Created<OrganisationCreated>, ProblemHttpResult>> CreateAsync(
        OrganisationRequest request, HttpContext http, NpgsqlDataSource dataSource, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(http.User);
        var partnerId = caller.IsAdmin ? request.PartnerId : caller.PartnerFor(request.PartnerId);
        if (!caller.IsAdmin && partnerId is null)
        {
            return EnrollmentProblems.NotFound("partner");
        }

        var (name, nameReason) = PersonInput.FullName(request.Name);
        if ((nameReason is null ? ProgramInput.Slug(request.Slug) : "name must be 1 to 200 printable characters.") is { } reason)
        {
            return EnrollmentProblems.Invalid(reason);
        }

        var id = Guid.CreateVersion7();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(Sql, new { id, name, request.Slug, partnerId, now = time.GetUtcNow() }, cancellationToken: cancellationToken));
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return ProgramInput.SlugTaken(request.Slug!);
        }

        return TypedResults.Created($"/api/v1/programs/organisations/{id}", new OrganisationCreated(id, name!, request.Slug!));
    }
}
