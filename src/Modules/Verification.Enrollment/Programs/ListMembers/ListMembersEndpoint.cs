using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.Enrollment.Api;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Enrollment.Programs.ListMembers;

internal static class ListMembersEndpoint
{
    public static void MapListMembers(this IEndpointRouteBuilder programs) =>
        programs.MapGet("/{programId:guid}/members", ListAsync).WithName("ListMembers").Refuses(StatusCodes.Status400BadRequest, "invalid_input").Refuses(StatusCodes.Status404NotFound, "program_not_found")
            .WithSummary("Members and invitations; filter=inactive or filter=at_risk, state=INVITED, MEMBER or DELETED_MEMBER.");

    private static async Task<Results<Ok<IReadOnlyList<MemberView>>, ProblemHttpResult>> ListAsync(
        Guid programId, string? filter, string? state, HttpContext http, NpgsqlDataSource dataSource, ProgramSettings settings, TimeProvider time, CancellationToken cancellationToken)
    {
        if (filter is not (null or "" or "inactive" or "at_risk") || state is not (null or "" or MemberState.Invited or MemberState.Member or MemberState.Deleted))
        {
            return EnrollmentProblems.Invalid("filter is inactive or at_risk; state is INVITED, MEMBER or DELETED_MEMBER.");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (await ProgramAccess.FindAsync(connection, Caller.Of(http.User), programId, cancellationToken) is null)
        {
            return EnrollmentProblems.NotFound("program");
        }

        var members = await MemberQueries.ListAsync(connection, programId, time.GetUtcNow(), settings.InactiveAfterDays, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<MemberView>>([.. members.Where(m =>
            (string.IsNullOrEmpty(state) || m.State == state) &&
            (filter switch { "inactive" => m.Inactive, "at_risk" => m.AtRisk, _ => true }))]);
    }
}
