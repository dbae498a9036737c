using System.Globalization;
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

namespace Verification.Enrollment.Programs.CreateProgram;

internal static class CreateProgramEndpoint
{
    public sealed record CurriculumItem(Guid? CourseId, Guid? SpecializationId, DateOnly? DueOn);

    public sealed record ProgramRequest(Guid OrganisationId, string? Slug, string? Name, IReadOnlyList<CurriculumItem>? Curriculum);

    public sealed record ProgramCreated(Guid ProgramId, string Slug, string JoinUrl);


    private const string Insert = """
        INSERT INTO enrollment.programs (id, organisation_id, slug, name, created_at) VALUES (@id, @OrganisationId, @Slug, @name, @now);
        INSERT INTO enrollment.program_curriculum (program_id, position, course_id, specialization_id, due_on)
        SELECT @id, c.position::integer, c.course_id, c.specialization_id, c.due_on::date
        FROM unnest(@courses, @specializations, @dues) WITH ORDINALITY AS c(course_id, specialization_id, due_on, position);
        """;

    public static void MapCreateProgram(this IEndpointRouteBuilder programs) =>
        programs.MapPost("/", CreateAsync).WithName("CreateProgram").Refuses(StatusCodes.Status400BadRequest, "invalid_input").Refuses(StatusCodes.Status404NotFound, "organisation_not_found").Refuses(StatusCodes.Status409Conflict, "slug_taken").WithSummary("Add a program: a curriculum of courses and specializations, a slug and a join URL.");

    private static async Task<Results<Created<ProgramCreated>, ProblemHttpResult>> CreateAsync(
        ProgramRequest request, HttpContext http, NpgsqlDataSource dataSource, IMediator mediator, ProgramSettings settings, TimeProvider time, CancellationToken cancellationToken)
    {
        var (name, nameReason) = PersonInput.FullName(request.Name);
        var curriculum = request.Curriculum ?? [];
        var curriculumReason = curriculum.Count is >= 1 and <= 100 && curriculum.All(i => (i.CourseId is null) != (i.SpecializationId is null))
            ? null
            : "curriculum must list 1 to 100 items, each with either courseId or specializationId.";
        if ((ProgramInput.Slug(request.Slug) ?? (nameReason is null ? null : "name must be 1 to 200 printable characters.") ?? curriculumReason) is { } reason)
        {
            return EnrollmentProblems.Invalid(reason);
        }

        foreach (var item in curriculum)
        {
            var known = item.CourseId is { } course
                ? await mediator.Send(new GetCoursePartner(course), cancellationToken) is { Retired: false }
                : await mediator.Send(new GetSpecialization(item.SpecializationId!.Value), cancellationToken) is { Retired: false };
            if (!known)
            {
                return EnrollmentProblems.Invalid($"Curriculum item {item.CourseId ?? item.SpecializationId} is not an open course or specialization.");
            }
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var owner = await connection.QuerySingleOrDefaultAsync<(Guid? PartnerId, bool Found)>(new CommandDefinition(
            "SELECT partner_id, true FROM enrollment.organisations WHERE id = @OrganisationId", new { request.OrganisationId }, cancellationToken: cancellationToken));
        if (!owner.Found || !Caller.Of(http.User).MayActFor(owner.PartnerId))
        {
            return EnrollmentProblems.NotFound("organisation");
        }

        var id = Guid.CreateVersion7();
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(Insert, new
            {
                id,
                request.OrganisationId,
                request.Slug,
                name,
                courses = curriculum.Select(i => i.CourseId).ToArray(),
                specializations = curriculum.Select(i => i.SpecializationId).ToArray(),
                dues = curriculum.Select(i => i.DueOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToArray(),
                now = time.GetUtcNow(),
            }, cancellationToken: cancellationToken));
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return ProgramInput.SlugTaken(request.Slug!);
        }

        return TypedResults.Created($"/api/v1/programs/{id}", new ProgramCreated(id, request.Slug!, settings.ProgramUrl(request.Slug!)));
    }
}
