using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Verification.BuildingBlocks.Access;

namespace Verification.BuildingBlocks.Audit.VerifyAuditChain;

/// <summary>
/// The chain's state for an admin: intact or not, the first bad entry, and the head to record outside the database.
/// </summary>
internal static class VerifyAuditChainEndpoint
{
    public sealed record AuditChainState(
        bool Intact, long EntriesChecked, long UnkeyedEntries, long HeadSequence, string HeadHash, AuditChainBreakView? FirstBreak, IReadOnlyList<AuditChainBreakView> Breaks);

    public sealed record AuditChainBreakView(long Sequence, string Kind);

    public static void MapVerifyAuditChain(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/v1/admin/audit/verify", VerifyAsync)
            .RequireAuthorization(AccessPolicies.Admin)
            .WithTags("Audit")
            .WithSummary("Recomputes the audit chain with the audit key and reports its state and the first bad entry.");

    private static async Task<Ok<AuditChainState>> VerifyAsync(AuditChainVerifier verifier, CancellationToken cancellationToken)
    {
        var report = await verifier.VerifyAsync(cancellationToken);
        var breaks = report.Breaks.Select(View).ToList();
        return TypedResults.Ok(new AuditChainState(
            report.IsIntact, report.EntriesChecked, report.UnkeyedEntries, report.HeadSequence, report.HeadHash, breaks.FirstOrDefault(), breaks));
    }

    private static AuditChainBreakView View(AuditChainBreak b) => new(b.Sequence, b.Kind switch
    {
        AuditChainBreakKind.Modified => "modified",
        AuditChainBreakKind.Missing => "missing",
        AuditChainBreakKind.OutOfOrder => "out_of_order",
        AuditChainBreakKind.NotKeyed => "not_keyed",
        _ => throw new ArgumentOutOfRangeException(nameof(b), b.Kind, null),
    });
}
