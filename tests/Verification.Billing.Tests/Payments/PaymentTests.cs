using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Verification.Billing.Contracts;
using Verification.Billing.Tests.Support;

namespace Verification.Billing.Tests.Payments;

public sealed class PaymentTests(BillingApp app) : IClassFixture<BillingApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_good_card_is_pending_until_the_signed_webhook_arrives_then_the_track_is_paid_at_the_catalog_price()
    {
        var learner = await app.LearnerAsync(priceMinor: 5900, currency: "EUR");
        Assert.Equal(EntitlementState.NotPaid, (await learner.EntitlementAsync()).State);

        var order = await learner.PayAsync();

        Assert.Equal(5900, order.GetProperty("amountMinor").GetInt64());
        Assert.Equal("EUR", order.GetProperty("currency").GetString());
        Assert.StartsWith("R-", order.GetProperty("receipt").GetString(), StringComparison.Ordinal);
        Assert.Equal(new TrackEntitlement(learner.LearnerId, learner.TrackId, EntitlementState.Paid, EntitlementSource.Order), await learner.EntitlementAsync());
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        var partnerOwed = await connection.ExecuteScalarAsync<long>(
            "SELECT -sum(amount_minor) FROM billing.ledger_postings WHERE account = 'partner' AND owner_id = @PartnerId", new { learner.PartnerId });
        Assert.Equal(5900 * 70 / 100, partnerOwed);
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
    }

    [Theory]
    [InlineData("4000000000000002", "card_declined")]
    [InlineData("4000000000009995", "insufficient_funds")]
    [InlineData("4000000000000000", "card_unknown")]
    public async Task A_refused_card_answers_402_with_its_code_charges_nothing_and_leaves_the_track_unpaid(string card, string code)
    {
        var learner = await app.LearnerAsync();
        var charges = app.Provider.ChargesMade;

        using var response = await learner.OrderAsync(Guid.NewGuid().ToString("N"), card);

        Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
        Assert.Equal(charges, app.Provider.ChargesMade);
        Assert.Equal(EntitlementState.NotPaid, (await learner.EntitlementAsync()).State);
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
    }

    [Fact]
    public async Task The_provider_failure_card_answers_503_stores_nothing_under_the_key_and_a_retry_runs_afresh()
    {
        var learner = await app.LearnerAsync();
        var key = Guid.NewGuid().ToString("N");

        using var failed = await learner.OrderAsync(key, "4000000000000119");
        using var again = await learner.OrderAsync(key, "4000000000000119");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal("payment_provider_unavailable", (await failed.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, again.StatusCode);
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM billing.orders WHERE learner_id = @LearnerId", new { learner.LearnerId }));
        Assert.Equal(EntitlementState.NotPaid, (await learner.EntitlementAsync()).State);
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
    }

    [Fact]
    public async Task A_learner_cannot_buy_another_partners_track_nor_pay_twice_for_the_same_track()
    {
        var learner = await app.LearnerAsync();
        var other = await app.LearnerAsync();
        await learner.PayAsync();

        using var foreign = await learner.OrderAsync(Guid.NewGuid().ToString("N"), courseId: other.CourseId);
        using var twice = await learner.OrderAsync(Guid.NewGuid().ToString("N"));

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal("already_paid", (await twice.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
    }

    [Fact]
    public async Task RecordPayment_is_idempotent_and_written_to_the_ledger()
    {
        var learner = await app.LearnerAsync();
        var orderId = Guid.CreateVersion7();

        var first = await app.SendAsync(m => m.Send(new RecordPayment(orderId, learner.LearnerId, learner.TrackId, 4900, "USD"), Cancel));
        var second = await app.SendAsync(m => m.Send(new RecordPayment(orderId, learner.LearnerId, learner.TrackId, 4900, "USD"), Cancel));

        Assert.False(first.AlreadyExisted);
        Assert.True(second.AlreadyExisted);
        Assert.Equal(EntitlementState.Paid, (await learner.EntitlementAsync()).State);
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        Assert.Equal(4900, await connection.ExecuteScalarAsync<long>(
            "SELECT sum(amount_minor) FROM billing.ledger_postings WHERE account = 'learner' AND owner_id = @LearnerId", new { learner.LearnerId }));
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
    }
}
