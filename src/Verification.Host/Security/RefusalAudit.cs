using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Verification.BuildingBlocks.Access;
using Verification.BuildingBlocks.Audit;

namespace Verification.Host.Security;

/// <summary>
/// Audits a refused attempt on a guarded area. The route's policy may not know the credential that came (a learner
/// token at a staff route), so the other schemes are asked, only to name the caller in the entry.
/// </summary>
internal static class RefusalAudit
{
    private static readonly string[] Schemes = [AccessSchemes.StaffCookie, AccessSchemes.LearnerToken, AccessSchemes.ApiKey];

    public static async Task AppendAsync(HttpContext context, AuditedRefusal audited)
    {
        var actor = await ActorAsync(context);
        var data = JsonSerializer.Serialize(new { area = audited.Area, method = context.Request.Method });
        await context.RequestServices.GetRequiredService<AuditLog>().AppendAsync(
            new AuditEntry(actor, "access.refused", "path:" + context.Request.Path.Value, data), context.RequestAborted);
    }

    private static async Task<string> ActorAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            return AuditedReads.Actor(context.User);
        }

        foreach (var scheme in Schemes)
        {
            var result = await context.AuthenticateAsync(scheme);
            if (result.Succeeded && result.Principal is ClaimsPrincipal principal)
            {
                return AuditedReads.Actor(principal);
            }
        }

        return "anonymous";
    }
}
