using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using FsCheck.Xunit;
using Verification.Billing.Contracts;
using Verification.Billing.Tests.Subscriptions;
using Verification.Billing.Tests.Support;

namespace Verification.Billing.Tests.Ledger;

/// <summary>
/// Random sequences of orders (good and declined cards), full and partial refunds, subscriptions and renewals, each
/// through the Host's endpoints, handlers, provider webhooks and renewal job on real PostgreSQL: after every step the
/// ledger balances, no balance is on the wrong side, and the learner's balance is what the orders and confirmed charges hold.
/// Bounded (30 cases of at most 12 steps) so that it runs in well under a minute.
/// </summary>
public sealed class LedgerHandlerProperties(SubscriptionApp app) : IClassFixture<SubscriptionApp>
{
    private const int MaxSteps = 12;
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Property(MaxTest = 30, EndSize = MaxSteps)]
    public async Task<bool> Any_sequence_of_orders_payments_refunds_and_renewals_through_the_handlers_keeps_the_ledger_balanced_with_no_negative_balance(int[] operations)
    {
        var steps = operations.Take(MaxSteps).ToArray();
        var learner = await app.LearnerAsync(priceMinor: 100 + (steps.Length == 0 ? 0 : Math.Abs(steps[0] % 9_900)));
        var planId = Guid.CreateVersion7();
        await app.SendAsync(m => m.Send(new CreateSubscriptionPlan(planId, "Property monthly", PlanInterval.Month, 1_900, "USD", [learner.TrackId]), Cancel));
        foreach (var step in steps)
        {
            learner.RefreshToken();
            var status = Math.Abs(step % 6) switch
            {
                0 => await OrderAsync(learner, TestLearner.GoodCard),
                1 => await OrderAsync(learner, "4000000000000002"),
                2 => await RefundAsync(learner, null),
                3 => await RefundAsync(learner, step),
                4 => await SubscribeAsync(learner, planId),
                _ => await RenewAsync(learner),
            };
            Assert.Contains(status, new[] { HttpStatusCode.OK, HttpStatusCode.Accepted, HttpStatusCode.PaymentRequired, HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity });
            await AssertLedgerAsync(learner, step);
        }

        return true;
    }

    private static async Task<HttpStatusCode> OrderAsync(TestLearner learner, string card)
    {
        using var response = await learner.OrderAsync(Guid.NewGuid().ToString("N"), card);
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            await learner.WaitForStatusAsync((await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("orderId").GetGuid(), "paid");
        }

        return response.StatusCode;
    }

    private static async Task<HttpStatusCode> RefundAsync(TestLearner learner, int? partial)
    {
        var orders = await learner.Client.GetFromJsonAsync<JsonElement>($"{learner.Billing}/orders", Cancel);
        var paid = orders.EnumerateArray().FirstOrDefault(o => o.GetProperty("status").GetString() == "paid");
        if (paid.ValueKind == JsonValueKind.Undefined)
        {
            return HttpStatusCode.OK;
        }

        var left = paid.GetProperty("amountMinor").GetInt64() - paid.GetProperty("refundedMinor").GetInt64();
        long? amount = partial is { } p ? 1 + (Math.Abs((long)p * 7_919) % left) : null;
        using var response = await learner.RefundAsync(paid.GetProperty("orderId").GetGuid(), Guid.NewGuid().ToString("N"), amount);
        return response.StatusCode;
    }

    private async Task<HttpStatusCode> SubscribeAsync(TestLearner learner, Guid planId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{learner.Billing}/subscriptions") { Content = JsonContent.Create(new { planId, card = TestLearner.GoodCard }) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await learner.Client.SendAsync(request, Cancel);
        await NoChargePendingAsync(learner);
        return response.StatusCode;
    }

    /// <summary>Moves the clock to the learner's next renewal attempt, runs the job and waits for the provider's confirmation.</summary>
    private async Task<HttpStatusCode> RenewAsync(TestLearner learner)
    {
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        var due = await connection.ExecuteScalarAsync<DateTimeOffset?>(
            "SELECT min(next_attempt_at) FROM billing.subscriptions WHERE learner_id = @LearnerId AND status IN ('active', 'past_due')", new { learner.LearnerId });
        if (due is { } at)
        {
            if (at > app.Time.GetUtcNow())
            {
                app.Time.Advance(at - app.Time.GetUtcNow());
            }

            await app.RunRenewalsAsync();
            await NoChargePendingAsync(learner);
        }

        return HttpStatusCode.OK;
    }

    private async Task NoChargePendingAsync(TestLearner learner)
    {
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await connection.ExecuteScalarAsync<long>("""
            SELECT count(*) FROM billing.subscription_charges c JOIN billing.subscriptions s ON s.id = c.subscription_id
            WHERE s.learner_id = @LearnerId AND c.status = 'pending'
            """, new { learner.LearnerId }) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "A subscription charge was never confirmed.");
            await Task.Delay(50, Cancel);
        }
    }

    private async Task AssertLedgerAsync(TestLearner learner, int step)
    {
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        var violations = await LedgerInvariant.ViolationsAsync(connection, null);
        Assert.True(violations.Count == 0, $"After step {step}: " + string.Join(Environment.NewLine, violations));
        var (ledger, held) = await connection.QuerySingleAsync<(long Ledger, long Held)>("""
            SELECT (SELECT coalesce(sum(amount_minor), 0) FROM billing.ledger_postings WHERE account = 'learner' AND owner_id = @LearnerId),
                   (SELECT coalesce(sum(amount_minor - refunded_minor), 0) FROM billing.orders WHERE learner_id = @LearnerId AND status IN ('paid', 'refunded'))
                 + (SELECT coalesce(sum(c.amount_minor), 0) FROM billing.subscription_charges c JOIN billing.subscriptions s ON s.id = c.subscription_id
                    WHERE s.learner_id = @LearnerId AND c.status = 'paid')
            """, new { learner.LearnerId });
        Assert.True(ledger == held, $"After step {step}: the learner's ledger balance is {ledger}, their orders and charges hold {held}.");
        Assert.True(ledger >= 0, $"After step {step}: negative learner balance {ledger}.");
    }
}
