using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Verification.Proctoring.Api;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Proctoring.Consent;

/// <summary>
/// Consent as an endpoint filter: a biometric endpoint under <c>/learners/{learnerId}</c> runs only while the learner's
/// live consent covers every kind it collects; otherwise it answers 403 <c>consent_missing</c> before reading the upload.
/// </summary>
internal static class ConsentFilter
{
    public static RouteHandlerBuilder RequireConsent(this RouteHandlerBuilder builder, string covers, params string[] kinds) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!Guid.TryParse(http.GetRouteValue("learnerId") as string, out var learnerId))
            {
                throw new InvalidOperationException("RequireConsent is for routes with a {learnerId}.");
            }

            var live = await http.RequestServices.GetRequiredService<LiveConsent>().CoversAsync(learnerId, http.RequestAborted);
            foreach (var kind in kinds)
            {
                if (!live.Contains(kind))
                {
                    return ApiProblems.ConsentMissing(covers);
                }
            }

            return await next(context);
        }).Refuses(StatusCodes.Status403Forbidden, "consent_missing");
}
