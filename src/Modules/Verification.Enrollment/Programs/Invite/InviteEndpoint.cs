using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.Enrollment.Api;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Enrollment.Programs.Invite;

internal static class InviteEndpoint
{
    public sealed record InvitationRequest(string? FullName, string? Email, string? ExternalId);

    public sealed record InvitationCreated(Guid MemberId);

    public static void MapInvite(this IEndpointRouteBuilder programs) =>
        programs.MapPost("/{programId:guid}/invitations", InviteAsync).WithName("InviteMember").Refuses(StatusCodes.Status400BadRequest, "invalid_input").Refuses(StatusCodes.Status404NotFound, "program_not_found").Refuses(StatusCodes.Status409Conflict, "already_member", "no_licence_left")
            .WithSummary("Invite one person: they take a licence of a current contract and get a mail with their join link.");

    private static async Task<Results<Created<InvitationCreated>, ProblemHttpResult>> InviteAsync(
        Guid programId, InvitationRequest request, HttpContext http, NpgsqlDataSource dataSource, ProgramSettings settings, TimeProvider time, CancellationToken cancellationToken)
    {
        ProgramRow? program;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            program = await ProgramAccess.FindAsync(connection, Caller.Of(http.User), programId, cancellationToken);
        }

        if (program is null)
        {
            return EnrollmentProblems.NotFound("program");
        }

        var (fullName, nameReason) = PersonInput.FullName(request.FullName);
        var (email, emailReason) = PersonInput.Email(request.Email);
        var (externalId, externalReason) = PersonInput.ExternalId(request.ExternalId);
        if ((nameReason ?? emailReason ?? externalReason) is { } reason)
        {
            return EnrollmentProblems.Invalid(reason + ".");
        }

        var (outcome, memberId) = await Invitations.InviteAsync(dataSource, program, new Invitee(fullName!, email!, externalId), settings, time.GetUtcNow(), cancellationToken);
        return outcome switch
        {
            InviteOutcome.Invited => TypedResults.Created($"/api/v1/programs/{programId}/members/{memberId}", new InvitationCreated(memberId!.Value)),
            InviteOutcome.AlreadyInvitedOrMember => EnrollmentProblems.Create(StatusCodes.Status409Conflict, "already_member", "Already invited or a member.", "This email is already invited to or a member of the program."),
            _ => NoLicence(),
        };
    }

    public static ProblemHttpResult NoLicence() => EnrollmentProblems.Create(
        StatusCodes.Status409Conflict, "no_licence_left", "No licence left.", "Every licence of the program's current contracts is taken; remove a member or add a contract.");
}
