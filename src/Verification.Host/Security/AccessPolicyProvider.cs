using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Verification.BuildingBlocks.Access;

namespace Verification.Host.Security;

/// <summary>
/// The named policies of <see cref="AccessPolicies"/>, plus one <c>partner:{scope}</c> policy per scope, built when a
/// route group first names it.
/// </summary>
internal sealed class AccessPolicyProvider(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    private const string PartnerPrefix = "partner:";

    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName) =>
        await base.GetPolicyAsync(policyName) ?? (policyName.StartsWith(PartnerPrefix, StringComparison.Ordinal) ? PartnerScope(policyName[PartnerPrefix.Length..]) : null);

    public static void AddNamedPolicies(AuthorizationBuilder builder)
    {
        builder.AddPolicy(AccessPolicies.Learner, p => p.AddAuthenticationSchemes(AccessSchemes.LearnerToken).RequireAuthenticatedUser().AddRequirements(new OwnLearnerRouteRequirement()));
        builder.AddPolicy(AccessPolicies.Staff, p => Staff(p).RequireRole(StaffRoles.Reviewer, StaffRoles.SeniorReviewer, StaffRoles.Admin));
        builder.AddPolicy(AccessPolicies.Reviewer, p => Staff(p).RequireRole(StaffRoles.Reviewer, StaffRoles.SeniorReviewer));
        builder.AddPolicy(AccessPolicies.SeniorReviewer, p => Staff(p).RequireRole(StaffRoles.SeniorReviewer));
        builder.AddPolicy(AccessPolicies.Admin, p => Staff(p).RequireRole(StaffRoles.Admin));
        builder.AddPolicy(AccessPolicies.AnyStaff, p => Staff(p).RequireRole(StaffRoles.Reviewer, StaffRoles.SeniorReviewer, StaffRoles.Admin, StaffRoles.ProgramAdmin));
        builder.AddPolicy(AccessPolicies.ProgramAdmin, p => p.AddAuthenticationSchemes(AccessSchemes.ApiKey, AccessSchemes.StaffCookie).RequireAuthenticatedUser()
            .AddRequirements(new ProgramAdminRequirement()));

        // Deny by default: an endpoint that names no policy and no AllowAnonymous is refused. A path that matches no
        // endpoint passes, so it still answers 404.
        // Routing's own 405 and 415 answers are plain endpoints, not route endpoints: they run nothing, so the caller learns
        // the method or media type was wrong instead of being asked to sign in.
        builder.SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAssertion(c => c.Resource is HttpContext http && http.GetEndpoint() is null or not RouteEndpoint).Build());
    }

    private static AuthorizationPolicyBuilder Staff(AuthorizationPolicyBuilder policy) =>
        policy.AddAuthenticationSchemes(AccessSchemes.StaffCookie).RequireAuthenticatedUser();

    private static AuthorizationPolicy PartnerScope(string scope) => new AuthorizationPolicyBuilder()
        .AddAuthenticationSchemes(AccessSchemes.ApiKey, AccessSchemes.StaffCookie)
        .RequireAuthenticatedUser()
        .AddRequirements(new PartnerScopeRequirement(scope))
        .Build();
}
