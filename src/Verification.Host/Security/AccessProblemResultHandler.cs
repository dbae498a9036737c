using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Verification.BuildingBlocks.Access;
using Verification.BuildingBlocks.Audit;

namespace Verification.Host.Security;

/// <summary>
/// Refusals of the authorization middleware as problem details with a <c>code</c>: 401 names the credential the route
/// wants (<c>token_invalid</c>, <c>api_key_invalid</c>, <c>sign_in_required</c>), 403 the rule that failed.
/// </summary>
internal sealed class AccessProblemResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        if (context.GetEndpoint()?.Metadata.GetMetadata<AuditedRefusal>() is { } audited)
        {
            await RefusalAudit.AppendAsync(context, audited);
        }

        await RefuseAsync(context, policy, authorizeResult);
    }

    private static Task RefuseAsync(HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {

        var reason = authorizeResult.AuthorizationFailure?.FailureReasons.Select(r => r.Message).FirstOrDefault();
        var schemes = policy.AuthenticationSchemes;
        if (authorizeResult.Challenged || reason == AccessFailures.TokenInvalid || context.User.Identity?.IsAuthenticated != true)
        {
            var (code, header, detail) = schemes.Contains(AccessSchemes.LearnerToken)
                ? (AccessFailures.TokenInvalid, "Bearer", "Send 'Authorization: Bearer <token>' with a fresh enrollment token from the course page.")
                : schemes.Contains(AccessSchemes.ApiKey)
                    ? (AccessFailures.ApiKeyInvalid, "ApiKey header=\"X-Api-Key\"", "Send the partner's API key in the X-Api-Key header; an admin of this service may sign in instead.")
                    : (AccessFailures.SignInRequired, "Cookie", "Sign in as staff at /api/v1/staff/sign-in first.");
            context.Response.Headers.WWWAuthenticate = header;
            return AccessProblem.WriteAsync(context, StatusCodes.Status401Unauthorized, code, "The credential is missing, expired or not genuine.", detail);
        }

        return reason switch
        {
            AccessFailures.LearnerMismatch => AccessProblem.WriteAsync(context, 403, reason, "This token belongs to another learner.", "Use the token the course page issued for your own account."),
            AccessFailures.ScopeMissing => AccessProblem.WriteAsync(context, 403, reason, "The API key lacks the scope this call needs.", "Ask an admin for a key with the scope named in the API document."),
            _ => AccessProblem.WriteAsync(context, 403, AccessFailures.RoleMissing, "Your role does not allow this.", "Ask an admin for the role this call needs."),
        };
    }
}

internal static class AccessProblem
{
    public static Task WriteAsync(HttpContext context, int status, string code, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail, extensions: new Dictionary<string, object?> { ["code"] = code }).ExecuteAsync(context);
}
