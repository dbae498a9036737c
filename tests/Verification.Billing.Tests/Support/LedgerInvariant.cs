using Dapper;
using Npgsql;

namespace Verification.Billing.Tests.Support;

/// <summary>
/// The ledger's rules, checked on the database after an operation: every entry sums to zero in each currency; no
/// learner has paid a negative amount; no partner is owed, and the platform has earned, no negative amount; each
/// order's learner postings equal what it holds (paid minus refunded), and orders not paid hold nothing.
/// </summary>
public static class LedgerInvariant
{
    public static async Task AssertHoldsAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var violations = await ViolationsAsync(connection, null);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    /// <summary>What breaks the rules, as seen by <paramref name="transaction"/> (so a test can show the check failing before the commit trigger refuses).</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        var unbalanced = (await connection.QueryAsync<string>("""
            SELECT entry_id::text || ' ' || currency || ' ' || sum(amount_minor) FROM billing.ledger_postings
            GROUP BY entry_id, currency HAVING sum(amount_minor) <> 0
            """, transaction: transaction)).ToList();
        var negative = (await connection.QueryAsync<string>("""
            SELECT account || ' ' || coalesce(owner_id::text, '-') || ' ' || currency || ' ' || sum(amount_minor) FROM billing.ledger_postings
            GROUP BY account, owner_id, currency
            HAVING (account = 'learner' AND sum(amount_minor) < 0) OR (account IN ('partner', 'platform') AND sum(amount_minor) > 0)
            """, transaction: transaction)).ToList();
        var mismatched = (await connection.QueryAsync<string>("""
            SELECT o.id::text || ' ' || o.status || ' holds ' || (CASE WHEN o.status IN ('paid', 'refunded') THEN o.amount_minor - o.refunded_minor ELSE 0 END)
                   || ' but the ledger says ' || coalesce(l.amount, 0)
            FROM billing.orders o
            LEFT JOIN (SELECT e.order_id, sum(p.amount_minor) AS amount FROM billing.ledger_entries e
                       JOIN billing.ledger_postings p ON p.entry_id = e.id AND p.account = 'learner' GROUP BY e.order_id) l ON l.order_id = o.id
            WHERE coalesce(l.amount, 0) <> CASE WHEN o.status IN ('paid', 'refunded') THEN o.amount_minor - o.refunded_minor ELSE 0 END
            """, transaction: transaction)).ToList();

        return [.. unbalanced.Select(u => "unbalanced entry " + u), .. negative.Select(n => "balance on the wrong side: " + n), .. mismatched.Select(m => "order and ledger disagree: " + m)];
    }
}
