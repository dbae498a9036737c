using System.Security.Claims;
using Verification.BuildingBlocks.Access;

namespace Verification.Billing.Api;

/// <summary>The partner whose learner token the caller holds: a learner buys only that partner's tracks.</summary>
internal static class LearnerCaller
{
    public static Guid? PartnerOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(AccessClaims.PartnerId), out var partner) ? partner : null;
}
