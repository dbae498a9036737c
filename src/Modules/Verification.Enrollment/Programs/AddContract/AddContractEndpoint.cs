using System.Globalization;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.Enrollment.Api;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Enrollment.Programs.AddContract;

internal static class AddContractEndpoint
{
    public sealed record ContractRequest(string? Name, int LicenceCount, DateOnly StartsOn, DateOnly EndsOn);

    public sealed record ContractCreated(Guid ContractId);

    private const string Sql = """
        INSERT INTO enrollment.program_contracts (id, program_id, name, licence_count, starts_on, ends_on, created_at)
        VALUES (@id, @programId, @name, @LicenceCount, @startsOn::date, @endsOn::date, @now)
        """;

    public static void MapAddContract(this IEndpointRouteBuilder programs) =>
        programs.MapPost("/{programId:guid}/contracts", AddAsync).WithName("AddContract").Refuses(StatusCodes.Status400BadRequest, "invalid_input").Refuses(StatusCodes.Status404NotFound, "program_not_found").WithSummary("Add a contract: a number of licences valid from a start to an end date.");

    private static async Task<Results<Created<ContractCreated>, ProblemHttpResult>> AddAsync(
        Guid programId, ContractRequest request, HttpContext http, NpgsqlDataSource dataSource, TimeProvider time, CancellationToken cancellationToken)
    {
        var (name, nameReason) = PersonInput.FullName(request.Name);
        var reason = nameReason is not null ? "name must be 1 to 200 printable characters."
            : request.LicenceCount is < 0 or > 1_000_000 ? "licenceCount must be between 0 and 1000000."
            : request.EndsOn < request.StartsOn ? "endsOn must not be before startsOn."
            : null;
        if (reason is not null)
        {
            return EnrollmentProblems.Invalid(reason);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (await ProgramAccess.FindAsync(connection, Caller.Of(http.User), programId, cancellationToken) is null)
        {
            return EnrollmentProblems.NotFound("program");
        }

        var id = Guid.CreateVersion7();
        await connection.ExecuteAsync(new CommandDefinition(Sql, new
        {
            id,
            programId,
            name,
            request.LicenceCount,
            startsOn = request.StartsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            endsOn = request.EndsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            now = time.GetUtcNow(),
        }, cancellationToken: cancellationToken));
        return TypedResults.Created($"/api/v1/programs/{programId}/contracts/{id}", new ContractCreated(id));
    }
}
