using Dapper;
using Npgsql;
using Verification.Billing.Tests.Support;

namespace Verification.Billing.Tests.Ledger;

/// <summary>The database itself refuses what would break the ledger, whatever code writes to it.</summary>
public sealed class LedgerRulesTests(BillingApp app) : IClassFixture<BillingApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_entry_that_does_not_sum_to_zero_in_its_currency_is_refused_at_commit()
    {
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        await using var transaction = await connection.BeginTransactionAsync(Cancel);
        var entry = Guid.CreateVersion7();
        await connection.ExecuteAsync("INSERT INTO billing.ledger_entries (id, kind, learner_id, created_at) VALUES (@entry, 'payment', @entry, now())", new { entry }, transaction);
        await connection.ExecuteAsync("""
            INSERT INTO billing.ledger_postings (entry_id, account, owner_id, currency, amount_minor)
            VALUES (@entry, 'learner', @entry, 'USD', 100), (@entry, 'platform', NULL, 'EUR', -100)
            """, new { entry }, transaction);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => transaction.CommitAsync(Cancel));

        Assert.Contains("does not balance", refused.MessageText, StringComparison.Ordinal);
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
    }

    [Fact]
    public async Task Postings_cannot_be_changed_or_deleted()
    {
        var learner = await app.LearnerAsync();
        await learner.PayAsync();
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);

        var update = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(
            "UPDATE billing.ledger_postings SET amount_minor = 1 WHERE account = 'learner' AND owner_id = @LearnerId", new { learner.LearnerId }));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(
            "DELETE FROM billing.ledger_postings WHERE account = 'learner' AND owner_id = @LearnerId", new { learner.LearnerId }));

        Assert.Contains("append-only", update.MessageText, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.MessageText, StringComparison.Ordinal);
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
    }

    [Fact]
    public async Task The_invariant_check_reports_an_unbalanced_entry_and_a_negative_learner_balance()
    {
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        await using var transaction = await connection.BeginTransactionAsync(Cancel);
        var entry = Guid.CreateVersion7();
        await connection.ExecuteAsync("INSERT INTO billing.ledger_entries (id, kind, learner_id, created_at) VALUES (@entry, 'refund', @entry, now())", new { entry }, transaction);
        await connection.ExecuteAsync(
            "INSERT INTO billing.ledger_postings (entry_id, account, owner_id, currency, amount_minor) VALUES (@entry, 'learner', @entry, 'USD', -100)", new { entry }, transaction);

        var violations = await LedgerInvariant.ViolationsAsync(connection, transaction);

        Assert.Contains(violations, v => v.StartsWith("unbalanced entry " + entry, StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("balance on the wrong side: learner " + entry, StringComparison.Ordinal));
        await transaction.RollbackAsync(Cancel);
    }
}
