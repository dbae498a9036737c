namespace Verification.Billing.Ledger;

/// <summary>Accounts of the ledger. Debits are positive: a learner's balance is what they paid net of refunds (never
/// negative); the partner's and the platform's are credits (never positive): what is owed to the partner, what the platform earned.</summary>
internal static class LedgerAccounts
{
    public const string Learner = "learner";
    public const string Partner = "partner";
    public const string Platform = "platform";
}

internal sealed record Posting(string Account, Guid? OwnerId, long AmountMinor);

internal sealed record LedgerEntry(Guid Id, string Kind, Guid LearnerId, Guid? PartnerId, string Currency, DateTimeOffset At)
{
    public Guid? OrderId { get; init; }

    public Guid? RefundId { get; init; }

    public Guid? SubscriptionId { get; init; }
}
