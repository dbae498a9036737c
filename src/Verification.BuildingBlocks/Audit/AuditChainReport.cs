namespace Verification.BuildingBlocks.Audit;

public enum AuditChainBreakKind
{
    /// <summary>An entry's fields no longer match its link (for a keyed entry: its HMAC).</summary>
    Modified,

    /// <summary>A sequence number is missing, or entries after the last one were removed.</summary>
    Missing,

    /// <summary>An intact entry does not follow the entry before it.</summary>
    OutOfOrder,

    /// <summary>
    /// The chain ends in entries written without the key: the cut-over marker that the Host appends at start-up is
    /// missing, so nothing keyed vouches for them.
    /// </summary>
    NotKeyed,
}

public sealed record AuditChainBreak(long Sequence, AuditChainBreakKind Kind);

/// <param name="EntriesChecked">Entries read.</param>
/// <param name="UnkeyedEntries">Entries from before the keyed chain began (plain SHA-256 links).</param>
/// <param name="HeadSequence">The chain head's sequence: worth recording outside the database, since only that reveals a cut tail.</param>
/// <param name="HeadHash">The chain head's link, hex.</param>
/// <param name="Breaks">Every break found, ordered by sequence.</param>
public sealed record AuditChainReport(long EntriesChecked, long UnkeyedEntries, long HeadSequence, string HeadHash, IReadOnlyList<AuditChainBreak> Breaks)
{
    public bool IsIntact => Breaks.Count == 0;

    /// <summary>The first bad entry, or null when the chain is intact.</summary>
    public AuditChainBreak? FirstBreak => Breaks.Count == 0 ? null : Breaks[0];
}
