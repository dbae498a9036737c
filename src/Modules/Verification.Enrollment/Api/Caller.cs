using System.Security.Claims;
using Verification.BuildingBlocks.Access;

namespace Verification.Enrollment.Api;

/// <summary>Who called, as the Host's schemes put it on the principal: a staff admin (any partner) or one partner's key.</summary>
internal readonly record struct Caller(bool IsAdmin, Guid? PartnerId)
{
    public static Caller Of(ClaimsPrincipal user)
    {
        var admin = user.IsInRole(StaffRoles.Admin);
        var partner = Guid.TryParse(user.FindFirst(AccessClaims.PartnerId)?.Value, out var id) ? id : (Guid?)null;
        return new Caller(admin, partner);
    }

    public bool MayActFor(Guid? partnerId) => IsAdmin || (partnerId is not null && PartnerId == partnerId);

    /// <summary>The partner a write is for: the key's own partner, or the one an admin names.</summary>
    public Guid? PartnerFor(Guid? requested) => IsAdmin ? requested : PartnerId is { } own && (requested is null || requested == own) ? own : null;
}
