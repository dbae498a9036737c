using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.Enrollment.Api;
using Verification.Enrollment.Mail;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Enrollment.Programs.RemoveMember;

/// <summary>An admin removes a member or withdraws an invitation: DELETED_MEMBER frees the licence; enrollments and reports keep the history.</summary>
internal static class RemoveMemberEndpoint
{
    private const string Sql = """
        UPDATE enrollment.program_members SET state = 'DELETED_MEMBER', removed_at = @now
        WHERE id = @memberId AND program_id = @programId AND state <> 'DELETED_MEMBER'
        RETURNING full_name AS FullName, email AS Email
        """;

    private const string MarkEnrollments = "UPDATE enrollment.enrollments SET removed_at = @now WHERE program_id = @programId AND learner_id = (SELECT learner_id FROM enrollment.program_members WHERE id = @memberId) AND removed_at IS NULL";

    public static void MapRemoveMember(this IEndpointRouteBuilder programs) =>
        programs.MapDelete("/{programId:guid}/members/{memberId:guid}", RemoveAsync).WithName("RemoveMember").Refuses(StatusCodes.Status404NotFound, "program_not_found", "member_not_found")
            .WithSummary("Remove a member (or withdraw an invitation): the licence is freed and the member gets an exit mail.");

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        Guid programId, Guid memberId, HttpContext http, NpgsqlDataSource dataSource, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (await ProgramAccess.FindAsync(connection, Caller.Of(http.User), programId, cancellationToken) is not { } program)
        {
            return EnrollmentProblems.NotFound("program");
        }

        var now = time.GetUtcNow();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var removed = await connection.QuerySingleOrDefaultAsync<Removed>(new CommandDefinition(Sql, new { memberId, programId, now }, transaction, cancellationToken: cancellationToken));
        if (removed is not { } member)
        {
            return EnrollmentProblems.NotFound("member");
        }

        await connection.ExecuteAsync(new CommandDefinition(MarkEnrollments, new { memberId, programId, now }, transaction, cancellationToken: cancellationToken));
        await MailOutbox.EnqueueAsync(connection, transaction, ProgramMails.Exit(member.Email, member.FullName, program.Name), now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private sealed class Removed
    {
        public string FullName { get; init; } = "";
        public string Email { get; init; } = "";
    }
}
