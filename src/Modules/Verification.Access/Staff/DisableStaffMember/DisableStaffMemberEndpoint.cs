using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Verification.BuildingBlocks.Access;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Access.Staff.DisableStaffMember;

internal static class DisableStaffMemberEndpoint
{
    public static void MapDisableStaffMember(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/{staffId:guid}/disable", DisableAsync)
            .RequireAuthorization(AccessPolicies.Admin)
            .WithTags("Staff")
            .Refuses(StatusCodes.Status404NotFound, "staff_not_found")
            .WithSummary("Admin: disable a staff account; its cookie stops working at the next request.");

    private static async Task<Results<NoContent, ProblemHttpResult>> DisableAsync(Guid staffId, StaffActor actor, IMediator mediator, CancellationToken cancellationToken) =>
        await mediator.Send(new Contracts.DisableStaffMember(staffId, actor.Name), cancellationToken)
            ? TypedResults.NoContent()
            : AccessProblems.Create(StatusCodes.Status404NotFound, "staff_not_found", "No such staff account.", "Check the staff id.");
}
