using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.Enrollment.Api;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Enrollment.Programs.GetProgram;

internal static class GetProgramEndpoint
{
    public sealed record ProgramSummary(Guid ProgramId, string Slug, string Name, Guid OrganisationId, string OrganisationName, string JoinUrl);

    public sealed record ContractView(Guid ContractId, string Name, int LicenceCount, long LicencesUsed, DateOnly StartsOn, DateOnly EndsOn);

    public sealed record CurriculumView(int Position, Guid? CourseId, Guid? SpecializationId, DateOnly? DueOn);

    public sealed record ProgramDetails(ProgramSummary Program, IReadOnlyList<CurriculumView> Curriculum, IReadOnlyList<ContractView> Contracts);

    private const string List = """
        SELECT p.id AS ProgramId, p.slug AS Slug, p.name AS Name, o.id AS OrganisationId, o.name AS OrganisationName
        FROM enrollment.programs p JOIN enrollment.organisations o ON o.id = p.organisation_id
        WHERE @anyPartner OR o.partner_id = @partnerId OR o.id = @organisationId ORDER BY o.name, p.name
        """;

    private const string Contracts = """
        SELECT c.id AS ContractId, c.name AS Name, c.licence_count AS LicenceCount,
               (SELECT count(*) FROM enrollment.program_members m WHERE m.contract_id = c.id AND m.state <> 'DELETED_MEMBER') AS LicencesUsed,
               c.starts_on AS StartsOn, c.ends_on AS EndsOn
        FROM enrollment.program_contracts c WHERE c.program_id = @programId ORDER BY c.starts_on, c.name
        """;

    private const string Curriculum = "SELECT position AS Position, course_id AS CourseId, specialization_id AS SpecializationId, due_on AS DueOn FROM enrollment.program_curriculum WHERE program_id = @programId ORDER BY position";

    public static void MapGetProgram(this IEndpointRouteBuilder programs)
    {
        programs.MapGet("/", ListAsync).WithName("ListPrograms").WithSummary("The programs the caller administers.");
        programs.MapGet("/{programId:guid}", GetAsync).WithName("GetProgram").Refuses(StatusCodes.Status404NotFound, "program_not_found").WithSummary("A program with its curriculum, join URL and contracts with licences used.");
    }

    private static async Task<Ok<IReadOnlyList<ProgramSummary>>> ListAsync(HttpContext http, NpgsqlDataSource dataSource, ProgramSettings settings, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(http.User);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(Guid ProgramId, string Slug, string Name, Guid OrganisationId, string OrganisationName)>(new CommandDefinition(
            List, new { anyPartner = caller.IsAdmin, partnerId = caller.PartnerId, organisationId = caller.OrganisationId }, cancellationToken: cancellationToken));
        return TypedResults.Ok<IReadOnlyList<ProgramSummary>>([.. rows.Select(r => new ProgramSummary(r.ProgramId, r.Slug, r.Name, r.OrganisationId, r.OrganisationName, settings.ProgramUrl(r.Slug)))]);
    }

    private static async Task<Results<Ok<ProgramDetails>, ProblemHttpResult>> GetAsync(
        Guid programId, HttpContext http, NpgsqlDataSource dataSource, ProgramSettings settings, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (await ProgramAccess.FindAsync(connection, Caller.Of(http.User), programId, cancellationToken) is not { } program)
        {
            return EnrollmentProblems.NotFound("program");
        }

        var contracts = await connection.QueryAsync<(Guid ContractId, string Name, int LicenceCount, long LicencesUsed, DateTime StartsOn, DateTime EndsOn)>(
            new CommandDefinition(Contracts, new { programId }, cancellationToken: cancellationToken));
        var curriculum = await connection.QueryAsync<(int Position, Guid? CourseId, Guid? SpecializationId, DateTime? DueOn)>(
            new CommandDefinition(Curriculum, new { programId }, cancellationToken: cancellationToken));
        return TypedResults.Ok(new ProgramDetails(
            new ProgramSummary(program.ProgramId, program.Slug, program.Name, program.OrganisationId, program.OrganisationName, settings.ProgramUrl(program.Slug)),
            [.. curriculum.Select(c => new CurriculumView(c.Position, c.CourseId, c.SpecializationId, c.DueOn is { } d ? DateOnly.FromDateTime(d) : null))],
            [.. contracts.Select(c => new ContractView(c.ContractId, c.Name, c.LicenceCount, c.LicencesUsed, DateOnly.FromDateTime(c.StartsOn), DateOnly.FromDateTime(c.EndsOn)))]));
    }
}
