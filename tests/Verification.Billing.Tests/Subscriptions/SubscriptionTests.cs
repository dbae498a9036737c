using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Verification.Billing.Contracts;
using Verification.Billing.Payments.Webhooks;
using Verification.Billing.Subscriptions.Renewals;
using Verification.Billing.Tests.Support;

namespace Verification.Billing.Tests.Subscriptions;

/// <summary>Renewals driven by the fake clock: the job is off in this host, and each test runs it after moving the clock.</summary>
public sealed class SubscriptionApp : BillingApp
{
    public async Task<int> RunRenewalsAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SubscriptionRenewals>().RunDueAsync(TestContext.Current.CancellationToken);
    }
}

public sealed class SubscriptionTests(SubscriptionApp app) : IClassFixture<SubscriptionApp>
{
    private const string Declining = "4000000000000002";
    private const string NeverConfirmed = "4000000000000341";
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_renewal_that_fails_twice_then_succeeds_keeps_the_track_and_moves_the_period_on()
    {
        var (learner, subscriptionId, periodEnd) = await SubscribedAsync();
        await ChangeCardAsync(learner, subscriptionId, Declining);

        await AdvanceToAsync(periodEnd);
        Assert.Equal(1, await app.RunRenewalsAsync());
        var afterFirst = await SubscriptionAsync(learner, subscriptionId);
        await AdvanceToAsync(periodEnd.AddDays(1));
        await app.RunRenewalsAsync();
        var afterSecond = await SubscriptionAsync(learner, subscriptionId);
        await ChangeCardAsync(learner, subscriptionId, TestLearner.GoodCard);
        await AdvanceToAsync(periodEnd.AddDays(3));
        await app.RunRenewalsAsync();

        Assert.Equal(("past_due", 1), (afterFirst.GetProperty("status").GetString(), afterFirst.GetProperty("failedAttempts").GetInt32()));
        Assert.Equal(periodEnd.AddDays(1), afterFirst.GetProperty("nextAttemptAt").GetDateTimeOffset());
        Assert.Equal(("past_due", 2), (afterSecond.GetProperty("status").GetString(), afterSecond.GetProperty("failedAttempts").GetInt32()));
        Assert.Equal(periodEnd.AddDays(3), afterSecond.GetProperty("nextAttemptAt").GetDateTimeOffset());
        var renewed = await WaitForAsync(learner, subscriptionId, s => s.GetProperty("currentPeriodEnd").GetDateTimeOffset() > periodEnd);
        Assert.Equal("active", renewed.GetProperty("status").GetString());
        Assert.Equal(0, renewed.GetProperty("failedAttempts").GetInt32());
        Assert.Equal(periodEnd.AddMonths(1), renewed.GetProperty("currentPeriodEnd").GetDateTimeOffset());
        Assert.Equal(new TrackEntitlement(learner.LearnerId, learner.TrackId, EntitlementState.Paid, EntitlementSource.Subscription), await learner.EntitlementAsync());
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        Assert.Equal(2 * 5900L, await connection.ExecuteScalarAsync<long>(
            "SELECT sum(amount_minor) FROM billing.ledger_postings WHERE account = 'learner' AND owner_id = @LearnerId", new { learner.LearnerId }));
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
    }

    [Fact]
    public async Task A_renewal_that_keeps_failing_is_retried_on_schedule_then_lapses_and_the_withdrawal_is_published()
    {
        var (learner, subscriptionId, periodEnd) = await SubscribedAsync();
        await ChangeCardAsync(learner, subscriptionId, Declining);

        foreach (var at in new[] { periodEnd, periodEnd.AddDays(1), periodEnd.AddDays(3) })
        {
            await AdvanceToAsync(at);
            await app.RunRenewalsAsync();
            Assert.Equal(EntitlementState.Paid, (await learner.EntitlementAsync()).State);
        }

        await AdvanceToAsync(periodEnd.AddDays(7) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await app.RunRenewalsAsync());
        await AdvanceToAsync(periodEnd.AddDays(7));
        Assert.Equal(1, await app.RunRenewalsAsync());

        var lapsed = await SubscriptionAsync(learner, subscriptionId);
        Assert.Equal("lapsed", lapsed.GetProperty("status").GetString());
        Assert.Equal(4, lapsed.GetProperty("failedAttempts").GetInt32());
        Assert.Equal(EntitlementState.NotPaid, (await learner.EntitlementAsync()).State);
        await AssertWithdrawalQueuedAsync(learner, EntitlementWithdrawalReason.SubscriptionLapsed);
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
    }

    [Fact]
    public async Task A_subscription_cancelled_at_period_end_keeps_the_track_until_then_and_can_be_reactivated_before()
    {
        var (learner, subscriptionId, periodEnd) = await SubscribedAsync();

        using var cancel = await learner.Client.PostAsync($"{learner.Billing}/subscriptions/{subscriptionId}/cancel", null, Cancel);
        using var reactivate = await learner.Client.PostAsync($"{learner.Billing}/subscriptions/{subscriptionId}/reactivate", null, Cancel);
        using var cancelAgain = await learner.Client.PostAsync($"{learner.Billing}/subscriptions/{subscriptionId}/cancel", null, Cancel);
        await AdvanceToAsync(periodEnd - TimeSpan.FromSeconds(1));
        await app.RunRenewalsAsync();
        var beforeEnd = (await learner.EntitlementAsync()).State;
        await AdvanceToAsync(periodEnd);
        await app.RunRenewalsAsync();

        Assert.True((await cancel.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("cancelAtPeriodEnd").GetBoolean());
        Assert.False((await reactivate.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("cancelAtPeriodEnd").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, cancelAgain.StatusCode);
        Assert.Equal(EntitlementState.Paid, beforeEnd);
        Assert.Equal("canceled", (await SubscriptionAsync(learner, subscriptionId)).GetProperty("status").GetString());
        Assert.Equal(EntitlementState.NotPaid, (await learner.EntitlementAsync()).State);
        using var late = await learner.Client.PostAsync($"{learner.Billing}/subscriptions/{subscriptionId}/reactivate", null, Cancel);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        await AssertWithdrawalQueuedAsync(learner, EntitlementWithdrawalReason.SubscriptionLapsed);
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
    }

    [Fact]
    public async Task A_renewal_whose_confirmation_never_comes_is_asked_of_the_provider_after_the_timeout_counted_as_failed_and_retried_on_schedule()
    {
        var (learner, subscriptionId, periodEnd) = await SubscribedAsync();
        await ChangeCardAsync(learner, subscriptionId, NeverConfirmed);
        var timeout = TimeSpan.FromMinutes(60);

        await AdvanceToAsync(periodEnd);
        Assert.Equal(1, await app.RunRenewalsAsync());
        var waiting = await SubscriptionAsync(learner, subscriptionId);
        await AdvanceToAsync(periodEnd + timeout - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await app.RunRenewalsAsync());
        await AdvanceToAsync(periodEnd + timeout);
        Assert.Equal(1, await app.RunRenewalsAsync());
        var failed = await SubscriptionAsync(learner, subscriptionId);
        await ChangeCardAsync(learner, subscriptionId, TestLearner.GoodCard);
        await AdvanceToAsync(periodEnd.AddDays(1));
        Assert.Equal(1, await app.RunRenewalsAsync());

        Assert.Equal(("active", periodEnd + timeout), (waiting.GetProperty("status").GetString(), waiting.GetProperty("nextAttemptAt").GetDateTimeOffset()));
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
        var (learner, subscriptionId, periodEnd) = await SubscribedAsync();
        app.LoseWebhooks = true;
        try
        {
            await AdvanceToAsync(periodEnd);
            Assert.Equal(1, await app.RunRenewalsAsync());
            await Task.Delay(500, Cancel);
            var stuck = await SubscriptionAsync(learner, subscriptionId);
            await AdvanceToAsync(periodEnd + TimeSpan.FromMinutes(60));
            Assert.Equal(1, await app.RunRenewalsAsync());

            Assert.Equal(periodEnd, stuck.GetProperty("currentPeriodEnd").GetDateTimeOffset());
            var renewed = await SubscriptionAsync(learner, subscriptionId);
            Assert.Equal(("active", periodEnd.AddMonths(1), 0), (renewed.GetProperty("status").GetString(), renewed.GetProperty("currentPeriodEnd").GetDateTimeOffset(), renewed.GetProperty("failedAttempts").GetInt32()));
            Assert.Equal(periodEnd.AddMonths(1), renewed.GetProperty("nextAttemptAt").GetDateTimeOffset());
        }
        finally
        {
            app.LoseWebhooks = false;
        }

        var lost = Assert.Single(app.LostWebhooks);
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
        var (learner, subscriptionId, _) = await SubscribedAsync();
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

    /// <summary>A learner subscribed (first charge confirmed) to a monthly plan of 59.00 USD that holds their course's track.</summary>
    private async Task<(TestLearner Learner, Guid SubscriptionId, DateTimeOffset PeriodEnd)> SubscribedAsync()
    {
        var learner = await app.LearnerAsync();
        var planId = Guid.CreateVersion7();
        await app.SendAsync(m => m.Send(new CreateSubscriptionPlan(planId, "Monthly", PlanInterval.Month, 5900, "USD", [learner.TrackId]), Cancel));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{learner.Billing}/subscriptions") { Content = JsonContent.Create(new { planId, card = TestLearner.GoodCard }) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await learner.Client.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("subscriptionId").GetGuid();
        var active = await WaitForAsync(learner, id, s => s.GetProperty("status").GetString() == "active");
        Assert.Equal(EntitlementSource.Subscription, (await learner.EntitlementAsync()).Source);
        return (learner, id, active.GetProperty("currentPeriodEnd").GetDateTimeOffset());
    }

    private async Task AdvanceToAsync(DateTimeOffset at, TestLearner? learner = null)
    {
        if (at > app.Time.GetUtcNow())
        {
            app.Time.Advance(at - app.Time.GetUtcNow());
        }

        learner?.RefreshToken();
        await Task.CompletedTask;
    }

    private static async Task ChangeCardAsync(TestLearner learner, Guid subscriptionId, string card)
    {
        learner.RefreshToken();
        using var response = await learner.Client.PutAsJsonAsync($"{learner.Billing}/subscriptions/{subscriptionId}/card", new { card }, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<JsonElement> SubscriptionAsync(TestLearner learner, Guid subscriptionId)
    {
        learner.RefreshToken();
        var all = await learner.Client.GetFromJsonAsync<JsonElement>($"{learner.Billing}/subscriptions", Cancel);
        return all.EnumerateArray().Single(s => s.GetProperty("subscriptionId").GetGuid() == subscriptionId);
    }

    private static async Task<JsonElement> WaitForAsync(TestLearner learner, Guid subscriptionId, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var subscription = await SubscriptionAsync(learner, subscriptionId);
            if (condition(subscription))
            {
                return subscription;
            }

            Assert.True(DateTime.UtcNow < deadline, "The subscription did not reach the expected state: " + subscription);
            await Task.Delay(50, Cancel);
        }
    }

    private async Task AssertWithdrawalQueuedAsync(TestLearner learner, EntitlementWithdrawalReason reason)
    {
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        var payload = await connection.ExecuteScalarAsync<string>(
            "SELECT payload::text FROM billing.outbox WHERE message_type LIKE '%TrackEntitlementWithdrawn' AND payload->>'LearnerId' = @id",
            new { id = learner.LearnerId.ToString() });
        Assert.NotNull(payload);
        Assert.Equal((int)reason, JsonDocument.Parse(payload).RootElement.GetProperty("Reason").GetInt32());
    }
}
