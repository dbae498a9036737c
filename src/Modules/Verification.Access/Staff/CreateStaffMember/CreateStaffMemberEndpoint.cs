using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Verification.Access.Contracts;
using Verification.BuildingBlocks.Access;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Access.Staff.CreateStaffMember;

internal static class CreateStaffMemberEndpoint
{
    public sealed record CreateStaffRequest(string? Email, string? DisplayName, StaffRole? Role, Guid? OrganisationId = null);

    public static void MapCreateStaffMember(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/", CreateAsync)
            .RequireAuthorization(AccessPolicies.Admin)
            .WithTags("Staff")
            .Refuses(StatusCodes.Status400BadRequest, "fields_missing", "role_invalid")
            .Refuses(StatusCodes.Status409Conflict, "email_taken")
            .WithSummary("Admin: create a staff account (reviewer, senior_reviewer, admin, or program_admin of the organisation organisationId). The one-time password is in this answer only.");

    private static async Task<Results<Created<StaffMemberCreated>, ProblemHttpResult>> CreateAsync(
        CreateStaffRequest? request, StaffActor actor, IMediator mediator, CancellationToken cancellationToken)
    {
        if (request?.Email is null || request.DisplayName is null || request.Role is null)
        {
            return AccessProblems.Create(StatusCodes.Status400BadRequest, "fields_missing", "Email, display name and role are needed.", "Send email, displayName and role.");
        }

        var result = await mediator.Send(new Contracts.CreateStaffMember(request.Email, request.DisplayName, StaffRoleNames.Of(request.Role.Value), actor.Name, OrganisationId: request.OrganisationId), cancellationToken);
        return result.Error switch
        {
            null => TypedResults.Created($"/api/v1/staff/{result.Created!.StaffId}", result.Created),
            "email_taken" => AccessProblems.Create(StatusCodes.Status409Conflict, "email_taken", "That email has an account.", "Use another email, or issue a new one-time password with the CLI."),
            "organisation_invalid" => AccessProblems.Create(
                StatusCodes.Status400BadRequest, "organisation_invalid", "The organisation does not fit the role.", "A program_admin needs organisationId of an existing organisation; other roles take none."),
            var code => AccessProblems.Create(StatusCodes.Status400BadRequest, code, "The account cannot be created.", "Give a valid email, a display name (at most 200 characters) and a role."),
        };
    }
}
