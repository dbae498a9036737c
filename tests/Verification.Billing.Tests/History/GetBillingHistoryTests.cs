using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Verification.Billing.Contracts;
using Verification.Billing.Tests.Support;

namespace Verification.Billing.Tests.History;

/// <summary>The contract the data export (issue 16) calls: everything of this learner's billing, nobody else's, and no card data.</summary>
public sealed class GetBillingHistoryTests(BillingApp app) : IClassFixture<BillingApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_history_holds_the_learners_orders_with_refunds_subscriptions_and_aid_and_nothing_of_another_learner_or_a_card()
    {
        var learner = await app.LearnerAsync(priceMinor: 4900);
        var other = await app.LearnerAsync();
        using (var declined = await learner.OrderAsync(Guid.NewGuid().ToString("N"), "4000000000000002"))
        {
            Assert.Equal(HttpStatusCode.PaymentRequired, declined.StatusCode);
        }

        var paid = await learner.PayAsync();
        var orderId = paid.GetProperty("orderId").GetGuid();
        using (var refund = await learner.RefundAsync(orderId, Guid.NewGuid().ToString("N"), amountMinor: 1000))
        {
            Assert.Equal(HttpStatusCode.OK, refund.StatusCode);
        }

        var planId = Guid.CreateVersion7();
        await app.SendAsync(m => m.Send(new CreateSubscriptionPlan(planId, "History Monthly", PlanInterval.Month, 5900, "USD", [learner.TrackId]), Cancel));
        using (var subscribe = new HttpRequestMessage(HttpMethod.Post, $"{learner.Billing}/subscriptions") { Content = JsonContent.Create(new { planId, card = "4242 4242 4242 4242" }) })
        {
            subscribe.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
            using var response = await learner.Client.SendAsync(subscribe, Cancel);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        using (var aid = await learner.Client.PostAsJsonAsync($"{learner.Billing}/aid", new { courseId = learner.CourseId, reason = "I lost my job this year and cannot pay.", incomeBracket = "low" }, Cancel))
        {
            Assert.Equal(HttpStatusCode.Created, aid.StatusCode);
        }

        await other.PayAsync();

        var history = await app.SendAsync(m => m.Send(new GetBillingHistory(learner.LearnerId), Cancel));
        var empty = await app.SendAsync(m => m.Send(new GetBillingHistory(Guid.CreateVersion7()), Cancel));

        Assert.Equal(["declined", "paid"], history.Orders.Select(o => o.Status));
        var order = history.Orders[1];
        Assert.Equal((orderId, learner.TrackId, 4900L, "USD", "paid", 1000L), (order.OrderId, order.CertificateTrackId, order.AmountMinor, order.Currency, order.Status, order.RefundedMinor));
        Assert.NotNull(order.PaidAt);
        var subscription = Assert.Single(history.Subscriptions);
        Assert.Equal(("History Monthly", 5900L, "USD"), (subscription.PlanName, subscription.PriceMinor, subscription.Currency));
        Assert.Contains(subscription.Status, new[] { "incomplete", "active" });
        var application = Assert.Single(history.AidApplications);
        Assert.Equal((learner.TrackId, "low", "pending"), (application.CertificateTrackId, application.IncomeBracket, application.Status));
        Assert.Equal((0, 0, 0), (empty.Orders.Count, empty.Subscriptions.Count, empty.AidApplications.Count));
        var serialized = JsonSerializer.Serialize(history);
        Assert.DoesNotContain("4242", serialized, StringComparison.Ordinal);
        Assert.DoesNotContain("pm_", serialized, StringComparison.Ordinal);
        Assert.DoesNotContain(other.LearnerId.ToString(), serialized, StringComparison.Ordinal);
    }
}
