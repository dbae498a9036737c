using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Verification.BuildingBlocks.Access;

namespace Verification.BuildingBlocks.Audit;

/// <summary>
/// Reads of personal data (exports, reports, evidence) as an endpoint filter: each answer the endpoint gives with the
/// data is audited, with who read it (<c>staff:</c>, <c>api_key:</c> or <c>learner:</c> and the id) and which object
/// (<c>{kind}:{route value}</c>), never what it held. The entry is appended before the answer is sent, so no read
/// leaves without its entry; a refusal is not a read and is not audited here.
/// </summary>
public static class AuditedReads
{
    /// <param name="action">What was read, such as <c>learner_data.exported</c>.</param>
    /// <param name="kind">The object's kind in the subject, such as <c>learner</c>.</param>
    /// <param name="routeValue">The route value naming the object, such as <c>learnerId</c>.</param>
    public static TBuilder AuditsRead<TBuilder>(this TBuilder builder, string action, string kind, string routeValue)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            if (Delivered(result))
            {
                var http = context.HttpContext;
                var subject = $"{kind}:{http.GetRouteValue(routeValue)}";
                await http.RequestServices.GetRequiredService<AuditLog>().AppendAsync(new AuditEntry(Actor(http.User), action, subject, "{}"), http.RequestAborted);
            }

            return result;
        });

    /// <summary>The caller as the audit log names it.</summary>
    public static string Actor(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirstValue(AccessClaims.StaffId) is { } staff ? "staff:" + staff
            : user.FindFirstValue(AccessClaims.KeyId) is { } key ? "api_key:" + key
            : user.FindFirstValue(AccessClaims.LearnerId) is { } learner ? "learner:" + learner
            : "anonymous";
    }

    private static bool Delivered(object? result) => result switch
    {
        INestedHttpResult nested => Delivered(nested.Result),
        IStatusCodeHttpResult { StatusCode: { } status } => status is >= 200 and < 300,
        IResult => true,
        _ => result is not null,
    };
}
