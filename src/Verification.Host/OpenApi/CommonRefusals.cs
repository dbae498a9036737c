using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.RateLimiting;
using Verification.BuildingBlocks.Access;
using Verification.BuildingBlocks.OpenApi;
using Verification.Host.Errors;
using Verification.Host.Security;

namespace Verification.Host.OpenApi;

/// <summary>
/// Declares, on every module endpoint, the refusals the Host's own mechanisms give before or around it: reading the
/// request (NUL characters, malformed or incomplete bodies, content types), the endpoint's authorization policy, rate
/// limits, picture uploads and faults, a lost database among them: every module endpoint reads or writes the database, or
/// checks its caller's credentials there, so each may answer 503 <c>database_unavailable</c>. Runs last, so it sees the policy and metadata the module put on the endpoint.
/// </summary>
internal static class CommonRefusals
{
    public static void Declare(EndpointBuilder endpoint)
    {
        var metadata = endpoint.Metadata;
        Add(metadata, StatusCodes.Status400BadRequest, RefusalCodes.NulCharacter, RefusalCodes.RequestMalformed);
        Add(metadata, StatusCodes.Status500InternalServerError, RefusalCodes.InternalError);
        Add(metadata, StatusCodes.Status503ServiceUnavailable, RefusalCodes.DatabaseUnavailable);

        if (metadata.OfType<IAcceptsMetadata>().Any() || metadata.OfType<ImageUpload>().Any())
        {
            Add(metadata, StatusCodes.Status400BadRequest, RefusalCodes.RequestIncomplete);
            Add(metadata, StatusCodes.Status413PayloadTooLarge, RefusalCodes.RequestTooLarge);
            Add(metadata, StatusCodes.Status415UnsupportedMediaType, RefusalCodes.UnsupportedMediaType);
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            Add(metadata, StatusCodes.Status429TooManyRequests, AccessFailures.RateLimited);
        }

        if (metadata.OfType<IAllowAnonymous>().Any() || metadata.OfType<IAuthorizeData>().Select(a => a.Policy).FirstOrDefault(p => p is not null) is not { } policy)
        {
            return;
        }

        if (policy == AccessPolicies.Learner)
        {
            Add(metadata, StatusCodes.Status401Unauthorized, AccessFailures.TokenInvalid);
            Add(metadata, StatusCodes.Status403Forbidden, AccessFailures.LearnerMismatch);
        }
        else if (policy.StartsWith(AccessPolicies.PartnerScope(""), StringComparison.Ordinal) || policy == AccessPolicies.ProgramAdmin)
        {
            // An admin's cookie passes a partner route too (and a program administrator's the programs), so a staff member
            // without that role is told so.
            Add(metadata, StatusCodes.Status401Unauthorized, AccessFailures.ApiKeyInvalid);
            Add(metadata, StatusCodes.Status403Forbidden, AccessFailures.ScopeMissing, AccessFailures.PartnerMismatch, AccessFailures.RoleMissing);
            Add(metadata, StatusCodes.Status429TooManyRequests, AccessFailures.RateLimited);
        }
        else
        {
            Add(metadata, StatusCodes.Status401Unauthorized, AccessFailures.SignInRequired);
            Add(metadata, StatusCodes.Status403Forbidden, AccessFailures.RoleMissing);
        }
    }

    private static void Add(IList<object> metadata, int status, params string[] codes) => metadata.Add(new Refusal(status, codes));
}
