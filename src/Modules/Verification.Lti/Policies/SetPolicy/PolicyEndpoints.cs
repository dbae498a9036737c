using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Verification.BuildingBlocks.Access;
using Verification.BuildingBlocks.OpenApi;
using Verification.Catalog.Contracts;

namespace Verification.Lti.Policies.SetPolicy;

/// <summary>The admin sets a partner's LTI policy (replacing it whole) and reads it back; unset, the built-in one applies.</summary>
internal static class PolicyEndpoints
{
    private const string Route = "/api/v1/partners/{partnerId:guid}/lti-policy";

    public static void MapPolicies(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPut(Route, SetAsync)
            .RequireAuthorization(AccessPolicies.Admin)
            .WithTags("LTI")
            .Refuses(StatusCodes.Status400BadRequest, "policy_invalid", "policy_terminate_not_explicit")
            .Refuses(StatusCodes.Status404NotFound, "partner_not_found")
            .WithSummary("Admin: the partner's LTI policy: the ACS action (flag, pause, resume, terminate) each session flag maps to, with severity, reason code and message, and what a failed pre-exam check reports. terminate needs explicitPartnerChoice.");
        endpoints.MapGet(Route, GetAsync)
            .RequireAuthorization(AccessPolicies.Admin)
            .WithTags("LTI")
            .Refuses(StatusCodes.Status404NotFound, "partner_not_found")
            .WithSummary("Admin: the partner's LTI policy, or the built-in one (every flag a flag, never terminate) when it set none.");
    }

    private static async Task<Results<Ok<PartnerPolicy>, ProblemHttpResult>> SetAsync(
        Guid partnerId, PartnerPolicy? policy, PolicyStore policies, IMediator mediator, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (PolicyValidation.Check(policy) is { } refusal)
        {
            return LtiProblems.Create(StatusCodes.Status400BadRequest, refusal.Code, "The LTI policy is refused.", refusal.Detail);
        }

        if (!await mediator.Send(new PartnerExists(partnerId), cancellationToken))
        {
            return NoPartner();
        }

        await policies.SetAsync(partnerId, policy!, cancellationToken);
        loggers.CreateLogger("Verification.Lti.Policies").LogInformation("LTI policy of partner {PartnerId} set", partnerId);
        return TypedResults.Ok(policy!);
    }

    private static async Task<Results<Ok<PartnerPolicy>, ProblemHttpResult>> GetAsync(Guid partnerId, PolicyStore policies, IMediator mediator, CancellationToken cancellationToken) =>
        await mediator.Send(new PartnerExists(partnerId), cancellationToken)
            ? TypedResults.Ok(await policies.OfPartnerAsync(partnerId, cancellationToken))
            : NoPartner();

    private static ProblemHttpResult NoPartner() =>
        LtiProblems.Create(StatusCodes.Status404NotFound, "partner_not_found", "No such partner.", "Create the partner in the catalog first.");
}
