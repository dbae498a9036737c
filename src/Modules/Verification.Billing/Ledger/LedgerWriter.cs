using Dapper;
using Npgsql;

namespace Verification.Billing.Ledger;

/// <summary>Writes one balanced entry inside the caller's transaction. The database checks the balance again at commit.</summary>
internal static class LedgerWriter
{
    private const string InsertEntry = """
        INSERT INTO billing.ledger_entries (id, kind, learner_id, partner_id, order_id, refund_id, subscription_id, created_at)
        VALUES (@Id, @Kind, @LearnerId, @PartnerId, @OrderId, @RefundId, @SubscriptionId, @At)
        """;

    private const string InsertPostings = """
        INSERT INTO billing.ledger_postings (entry_id, account, owner_id, currency, amount_minor)
        SELECT @entryId, p.account, p.owner_id, @currency, p.amount FROM unnest(@accounts, @owners, @amounts) AS p(account, owner_id, amount)
        """;

    public static async Task PostAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, LedgerEntry entry, IReadOnlyList<Posting> postings, CancellationToken cancellationToken)
    {
        var legs = postings.Where(p => p.AmountMinor != 0).ToList();
        if (legs.Sum(p => p.AmountMinor) != 0)
        {
            throw new InvalidOperationException($"Ledger entry {entry.Id} does not balance.");
        }

        if (legs.Count == 0)
        {
            // A zero-amount movement (an order paid at zero through financial aid) moves no money: nothing to record.
            return;
        }

        await connection.ExecuteAsync(new CommandDefinition(InsertEntry, entry, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(InsertPostings, new
        {
            entryId = entry.Id,
            currency = entry.Currency,
            accounts = legs.Select(p => p.Account).ToArray(),
            owners = legs.Select(p => p.OwnerId).ToArray(),
            amounts = legs.Select(p => p.AmountMinor).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
    }
}
