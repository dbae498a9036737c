using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Verification.BuildingBlocks.Access;

namespace Verification.Host.Security;

/// <summary>A learner's enrollment token whose learner is the route's <c>{learnerId}</c>.</summary>
internal sealed class OwnLearnerRouteRequirement : AuthorizationHandler<OwnLearnerRouteRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OwnLearnerRouteRequirement requirement)
    {
        var user = context.User;
        if (user.FindFirstValue(AccessClaims.Purpose) != LearnerTokenPurposes.Enrollment)
        {
            // A session token opens only the hub; here it counts as no credential at all.
            context.Fail(new AuthorizationFailureReason(this, AccessFailures.TokenInvalid));
        }
        else if (context.Resource is not HttpContext http || http.GetRouteValue("learnerId") is not string routeLearner
            || !string.Equals(routeLearner, user.FindFirstValue(AccessClaims.LearnerId), StringComparison.OrdinalIgnoreCase))
        {
            context.Fail(new AuthorizationFailureReason(this, AccessFailures.LearnerMismatch));
        }
        else
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>A partner key carrying the scope, or a signed-in admin (who acts for any partner).</summary>
internal sealed class PartnerScopeRequirement(string scope) : IAuthorizationRequirement
{
    public string Scope { get; } = scope;
}

internal sealed class PartnerScopeHandler : AuthorizationHandler<PartnerScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PartnerScopeRequirement requirement)
    {
        if (context.User.IsInRole(StaffRoles.Admin) || context.User.HasClaim(AccessClaims.Scope, requirement.Scope))
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new AuthorizationFailureReason(this, context.User.HasClaim(c => c.Type == AccessClaims.KeyId) ? AccessFailures.ScopeMissing : AccessFailures.RoleMissing));
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// An organisation's program administrator (bound to one organisation), a partner key with <c>programs:manage</c>, or a
/// staff admin. Which organisation's programs the caller may see is the endpoint's check: another's answer 404.
/// </summary>
internal sealed class ProgramAdminRequirement : AuthorizationHandler<ProgramAdminRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ProgramAdminRequirement requirement)
    {
        var user = context.User;
        if (user.IsInRole(StaffRoles.Admin)
            || (user.IsInRole(StaffRoles.ProgramAdmin) && Guid.TryParse(user.FindFirstValue(AccessClaims.OrganisationId), out _))
            || user.HasClaim(AccessClaims.Scope, ApiScopes.ProgramsManage))
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new AuthorizationFailureReason(this, user.HasClaim(c => c.Type == AccessClaims.KeyId) ? AccessFailures.ScopeMissing : AccessFailures.RoleMissing));
        }

        return Task.CompletedTask;
    }
}

/// <summary>The <c>code</c> values of the Host's 401, 403 and 429 answers.</summary>
internal static class AccessFailures
{
    public const string TokenInvalid = "token_invalid";
    public const string ApiKeyInvalid = "api_key_invalid";
    public const string SignInRequired = "sign_in_required";
    public const string LearnerMismatch = "learner_mismatch";
    public const string ScopeMissing = "scope_missing";
    public const string RoleMissing = "role_missing";
    public const string PartnerMismatch = "partner_mismatch";
    public const string RateLimited = "rate_limited";
}
