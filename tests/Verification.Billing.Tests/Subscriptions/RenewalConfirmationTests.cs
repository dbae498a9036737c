using System.Net;
using Dapper;
using Verification.Billing.Payments.Webhooks;
using Verification.Billing.Tests.Support;
using static Verification.Billing.Tests.Subscriptions.SubscriptionSteps;

namespace Verification.Billing.Tests.Subscriptions;

/// <summary>
/// Renewals whose confirming webhook does not come, on the fake clock, and what a subscription stores to pay them.
/// Other tests' subscriptions share the database and clock: each test reads only its own rows.
/// </summary>
public sealed class RenewalConfirmationTests(SubscriptionApp app) : IClassFixture<SubscriptionApp>
{
    private const string NeverConfirmed = "4000000000000341";
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_renewal_whose_confirmation_never_comes_is_asked_of_the_provider_after_the_timeout_counted_as_failed_and_retried_on_schedule()
    {
        var (learner, subscriptionId, periodEnd) = await SubscribedAsync(app);
        await ChangeCardAsync(learner, subscriptionId, NeverConfirmed);
        var timeout = TimeSpan.FromMinutes(60);

        await AdvanceToAsync(app, periodEnd);
        await app.RunRenewalsAsync();
        var waiting = await SubscriptionAsync(learner, subscriptionId);
        await AdvanceToAsync(app, periodEnd + timeout - TimeSpan.FromSeconds(1));
        await app.RunRenewalsAsync();
        var stillWaiting = await SubscriptionAsync(learner, subscriptionId);
        await AdvanceToAsync(app, periodEnd + timeout);
        await app.RunRenewalsAsync();
        var failed = await SubscriptionAsync(learner, subscriptionId);
        await ChangeCardAsync(learner, subscriptionId, TestLearner.GoodCard);
        await AdvanceToAsync(app, periodEnd.AddDays(1));
        await app.RunRenewalsAsync();

        Assert.Equal(("active", periodEnd + timeout), (waiting.GetProperty("status").GetString(), waiting.GetProperty("nextAttemptAt").GetDateTimeOffset()));
        Assert.Equal(waiting.ToString(), stillWaiting.ToString());
        Assert.Equal(("past_due", 1), (failed.GetProperty("status").GetString(), failed.GetProperty("failedAttempts").GetInt32()));
        Assert.Equal(periodEnd.AddDays(1), failed.GetProperty("nextAttemptAt").GetDateTimeOffset());
        var renewed = await WaitForAsync(learner, subscriptionId, s => s.GetProperty("currentPeriodEnd").GetDateTimeOffset() > periodEnd);
        Assert.Equal(("active", periodEnd.AddMonths(1)), (renewed.GetProperty("status").GetString(), renewed.GetProperty("currentPeriodEnd").GetDateTimeOffset()));
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        Assert.Equal(["paid", "declined:unconfirmed", "paid"], (await connection.QueryAsync<string>(
            "SELECT status || coalesce(':' || decline_code, '') FROM billing.subscription_charges WHERE subscription_id = @subscriptionId ORDER BY created_at", new { subscriptionId })).ToList());
        Assert.Equal(2 * 5900L, await LearnerPaidAsync(learner));
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
    }

    [Fact]
    public async Task A_renewal_whose_webhook_is_lost_is_confirmed_after_the_timeout_by_asking_the_provider_and_a_late_webhook_changes_nothing()
    {
        var (learner, subscriptionId, periodEnd) = await SubscribedAsync(app);
        string lost;
        app.LoseWebhooks = true;
        try
        {
            await AdvanceToAsync(app, periodEnd);
            await app.RunRenewalsAsync();
            await Task.Delay(500, Cancel);
            var stuck = await SubscriptionAsync(learner, subscriptionId);
            await AdvanceToAsync(app, periodEnd + TimeSpan.FromMinutes(60));
            await app.RunRenewalsAsync();

            Assert.Equal(periodEnd, stuck.GetProperty("currentPeriodEnd").GetDateTimeOffset());
            var renewed = await SubscriptionAsync(learner, subscriptionId);
            Assert.Equal(("active", periodEnd.AddMonths(1), 0), (renewed.GetProperty("status").GetString(), renewed.GetProperty("currentPeriodEnd").GetDateTimeOffset(), renewed.GetProperty("failedAttempts").GetInt32()));
            Assert.Equal(periodEnd.AddMonths(1), renewed.GetProperty("nextAttemptAt").GetDateTimeOffset());
        }
        finally
        {
            app.LoseWebhooks = false;
        }

        await using (var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel))
        {
            var paymentId = await connection.ExecuteScalarAsync<string>(
                "SELECT provider_payment_id FROM billing.subscription_charges WHERE subscription_id = @subscriptionId AND period_start = @periodEnd", new { subscriptionId, periodEnd });
            lost = Assert.Single(app.LostWebhooks, body => body.Contains(paymentId!, StringComparison.Ordinal));
        }

        using var late = new HttpRequestMessage(HttpMethod.Post, "/api/v1/billing/webhooks/local") { Content = new StringContent(lost, System.Text.Encoding.UTF8, "application/json") };
        late.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(BillingApp.WebhookSecret, app.Time.GetUtcNow().ToUnixTimeSeconds(), lost));
        using var lateAnswer = await app.CreateClient().SendAsync(late, Cancel);
        Assert.Equal(HttpStatusCode.OK, lateAnswer.StatusCode);
        Assert.Equal(2 * 5900L, await LearnerPaidAsync(learner));
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
    }

    [Fact]
    public async Task A_subscription_keeps_the_providers_payment_method_id_and_the_database_refuses_a_card_number()
    {
        var (learner, subscriptionId, _) = await SubscribedAsync(app);
        await ChangeCardAsync(learner, subscriptionId, "4000 0000 0000 0002");

        await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        var stored = await connection.ExecuteScalarAsync<string>("SELECT payment_method FROM billing.subscriptions WHERE id = @subscriptionId", new { subscriptionId });
        var anywhere = await connection.ExecuteScalarAsync<long>("""
            SELECT (SELECT count(*) FROM billing.subscriptions WHERE payment_method LIKE '%4242%' OR payment_method LIKE '%0002')
                 + (SELECT count(*) FROM billing.idempotency_keys WHERE response LIKE '%4242424242424242%')
            """);
        var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => connection.ExecuteAsync(
            "UPDATE billing.subscriptions SET payment_method = '4242424242424242' WHERE id = @subscriptionId", new { subscriptionId }));

        Assert.Equal("pm_card_visa_chargeDeclined", stored);
        Assert.Equal(0, anywhere);
        Assert.Equal("23514", refused.SqlState);
    }

    private async Task<long> LearnerPaidAsync(TestLearner learner)
    {
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT coalesce(sum(amount_minor), 0) FROM billing.ledger_postings WHERE account = 'learner' AND owner_id = @LearnerId", new { learner.LearnerId });
    }
}
