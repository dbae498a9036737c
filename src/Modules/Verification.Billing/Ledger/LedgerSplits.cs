namespace Verification.Billing.Ledger;

/// <summary>How a payment and a refund divide between learner, partner and platform, in whole minor units.</summary>
internal static class LedgerSplits
{
    /// <summary>The learner pays <paramref name="amount"/>; the partner is owed its share (rounded down), the platform the rest.</summary>
    public static IReadOnlyList<Posting> Payment(Guid learnerId, Guid? partnerId, long amount, int partnerSharePercent)
    {
        var partner = PartnerShare(amount, amount, partnerSharePercent);
        return [new(LedgerAccounts.Learner, learnerId, amount), new(LedgerAccounts.Partner, partnerId, -partner), new(LedgerAccounts.Platform, null, -(amount - partner))];
    }

    /// <summary>
    /// Gives back <paramref name="refund"/> of a payment of <paramref name="paid"/> of which <paramref name="refundedBefore"/> was
    /// already returned. The partner's part is the difference of its cumulative shares, so that partial refunds in any
    /// number never take back more than the partner was owed, and a full refund returns exactly its share.
    /// </summary>
    public static IReadOnlyList<Posting> Refund(Guid learnerId, Guid? partnerId, long paid, long refundedBefore, long refund, int partnerSharePercent)
    {
        var partner = PartnerShare(refundedBefore + refund, paid, partnerSharePercent) - PartnerShare(refundedBefore, paid, partnerSharePercent);
        return [new(LedgerAccounts.Learner, learnerId, -refund), new(LedgerAccounts.Partner, partnerId, partner), new(LedgerAccounts.Platform, null, refund - partner)];
    }

    /// <summary>A subscription's charge is the platform's: plans span partners, and their share is settled outside this ledger.</summary>
    public static IReadOnlyList<Posting> SubscriptionCharge(Guid learnerId, long amount) =>
        [new(LedgerAccounts.Learner, learnerId, amount), new(LedgerAccounts.Platform, null, -amount)];

    // The partner's share of the first `part` minor units of a payment of `paid`, rounded down; share(paid) = paid * pct / 100.
    // Int128: a bigint amount times a share would overflow a long.
    private static long PartnerShare(long part, long paid, int percent)
    {
        if (paid == 0)
        {
            return 0;
        }

        var whole = (long)((Int128)paid * percent / 100);
        return (long)((Int128)part * whole / paid);
    }
}
