namespace Verification.BuildingBlocks.Audit;

public enum AuditChainBreakKind
{
    /// <summary>An entry's fields no longer match its hash.</summary>
    Modified,

    /// <summary>A sequence number is missing, or entries after the last one were removed.</summary>
    Missing,

    /// <summary>An intact entry does not follow the entry before it.</summary>
    OutOfOrder,
}

public sealed record AuditChainBreak(long Sequence, AuditChainBreakKind Kind);

public sealed record AuditChainReport(long EntriesChecked, IReadOnlyList<AuditChainBreak> Breaks)
{
    public bool IsIntact => Breaks.Count == 0;
}
