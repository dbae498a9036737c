using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Verification.Billing.Contracts;
using Verification.Billing.Subscriptions.Renewals;
using Verification.Billing.Tests.Support;
using static Verification.Billing.Tests.Subscriptions.SubscriptionSteps;

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
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_renewal_that_fails_twice_then_succeeds_keeps_the_track_and_moves_the_period_on()
    {
        var (learner, subscriptionId, periodEnd) = await SubscribedAsync(app);
        await ChangeCardAsync(learner, subscriptionId, Declining);

        await AdvanceToAsync(app, periodEnd);
        Assert.Equal(1, await app.RunRenewalsAsync());
        var afterFirst = await SubscriptionAsync(learner, subscriptionId);
        await AdvanceToAsync(app, periodEnd.AddDays(1));
        await app.RunRenewalsAsync();
        var afterSecond = await SubscriptionAsync(learner, subscriptionId);
        await ChangeCardAsync(learner, subscriptionId, TestLearner.GoodCard);
        await AdvanceToAsync(app, periodEnd.AddDays(3));
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
        var (learner, subscriptionId, periodEnd) = await SubscribedAsync(app);
        await ChangeCardAsync(learner, subscriptionId, Declining);

        foreach (var at in new[] { periodEnd, periodEnd.AddDays(1), periodEnd.AddDays(3) })
        {
            await AdvanceToAsync(app, at);
            await app.RunRenewalsAsync();
            Assert.Equal(EntitlementState.Paid, (await learner.EntitlementAsync()).State);
        }

        await AdvanceToAsync(app, periodEnd.AddDays(7) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await app.RunRenewalsAsync());
        await AdvanceToAsync(app, periodEnd.AddDays(7));
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
        var (learner, subscriptionId, periodEnd) = await SubscribedAsync(app);

        using var cancel = await learner.Client.PostAsync($"{learner.Billing}/subscriptions/{subscriptionId}/cancel", null, Cancel);
        using var reactivate = await learner.Client.PostAsync($"{learner.Billing}/subscriptions/{subscriptionId}/reactivate", null, Cancel);
        using var cancelAgain = await learner.Client.PostAsync($"{learner.Billing}/subscriptions/{subscriptionId}/cancel", null, Cancel);
        await AdvanceToAsync(app, periodEnd - TimeSpan.FromSeconds(1));
        await app.RunRenewalsAsync();
        var beforeEnd = (await learner.EntitlementAsync()).State;
        await AdvanceToAsync(app, periodEnd);
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
