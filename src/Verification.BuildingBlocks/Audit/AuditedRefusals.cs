using Microsoft.AspNetCore.Builder;

namespace Verification.BuildingBlocks.Audit;

/// <summary>Endpoint metadata: the Host audits each 401 or 403 its authorization gives here (<c>access.refused</c>), naming whatever credential came.</summary>
public sealed record AuditedRefusal(string Area);

public static class AuditedRefusals
{
    /// <param name="area">What was guarded, such as <c>review</c>; kept in the entry's data.</param>
    public static TBuilder AuditsRefusals<TBuilder>(this TBuilder builder, string area)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AuditedRefusal(area));
}
