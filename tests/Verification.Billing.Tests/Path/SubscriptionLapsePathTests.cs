using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Verification.Billing.Contracts;
using Verification.Billing.Tests.Subscriptions;
using Verification.Billing.Tests.Support;

namespace Verification.Billing.Tests.Path;

/// <summary>
/// The whole path with a subscription instead of an order, on the fake clock: two learners subscribe, one card keeps
/// paying and one keeps declining until that subscription lapses; both then pass, verified, and only the one still paid gets a certificate.
/// </summary>
public sealed class SubscriptionLapsePathTests(SubscriptionApp app) : IClassFixture<SubscriptionApp>
{
    private const string Declining = "4000000000000002";
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_lapsed_subscription_makes_paid_false_and_completion_issues_no_certificate_while_an_active_one_issues_it()
    {
        var active = await app.LearnerAsync();
        var lapsing = await app.LearnerAsync();
        var (_, activeEnd) = await SubscribeAsync(active, TestLearner.GoodCard);
        var (lapsingId, periodEnd) = await SubscribeAsync(lapsing, TestLearner.GoodCard);
        using (var change = await lapsing.Client.PutAsJsonAsync($"{lapsing.Billing}/subscriptions/{lapsingId}/card", new { card = Declining }, Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        }

        var paidWhileRetrying = new List<EntitlementState>();
        foreach (var at in new[] { activeEnd, periodEnd, periodEnd.AddDays(1), periodEnd.AddDays(3), periodEnd.AddDays(7) })
        {
            if (at > app.Time.GetUtcNow())
            {
                app.Time.Advance(at - app.Time.GetUtcNow());
            }

            await app.RunRenewalsAsync();
            paidWhileRetrying.Add((await lapsing.EntitlementAsync()).State);
        }

        await WaitUntilAsync(async () => (await active.EntitlementAsync()).State == EntitlementState.Paid && await ActivePeriodMovedAsync(active, activeEnd));
        Assert.Equal([EntitlementState.Paid, EntitlementState.Paid, EntitlementState.Paid, EntitlementState.Paid, EntitlementState.NotPaid], paidWhileRetrying);
        Assert.Equal(EntitlementState.NotPaid, (await lapsing.EntitlementAsync()).State);

        foreach (var learner in new[] { active, lapsing })
        {
            learner.RefreshToken();
            await CertificatePath.VerifiedSessionAsync(app, learner);
            await CertificatePath.CompleteAsync(app, learner);
        }

        Assert.Equal("issued", Assert.Single(await CertificatePath.CertificatesAsync(active)).GetProperty("status").GetString());
        Assert.Empty(await CertificatePath.CertificatesAsync(lapsing));
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
    }

    private async Task<(Guid SubscriptionId, DateTimeOffset PeriodEnd)> SubscribeAsync(TestLearner learner, string card)
    {
        var planId = Guid.CreateVersion7();
        await app.SendAsync(m => m.Send(new CreateSubscriptionPlan(planId, "Monthly", PlanInterval.Month, 5900, "USD", [learner.TrackId]), Cancel));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{learner.Billing}/subscriptions") { Content = JsonContent.Create(new { planId, card }) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await learner.Client.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("subscriptionId").GetGuid();
        await WaitUntilAsync(async () => (await learner.EntitlementAsync()).Source == EntitlementSource.Subscription);
        var subscription = (await learner.Client.GetFromJsonAsync<JsonElement>($"{learner.Billing}/subscriptions", Cancel)).EnumerateArray().Single();
        return (id, subscription.GetProperty("currentPeriodEnd").GetDateTimeOffset());
    }

    private static async Task<bool> ActivePeriodMovedAsync(TestLearner learner, DateTimeOffset end)
    {
        learner.RefreshToken();
        var subscription = (await learner.Client.GetFromJsonAsync<JsonElement>($"{learner.Billing}/subscriptions", Cancel)).EnumerateArray().Single();
        return subscription.GetProperty("currentPeriodEnd").GetDateTimeOffset() > end;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(50, Cancel);
        }
    }
}
