using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Verification.Billing.Contracts;
using Verification.Billing.Tests.Support;

namespace Verification.Billing.Tests.Subscriptions;

/// <summary>The steps the subscription tests share: subscribe, move the clock, change the card, read one's own subscription.</summary>
public static class SubscriptionSteps
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A learner subscribed (first charge confirmed) to a monthly plan of 59.00 USD that holds their course's track.</summary>
    public static async Task<(TestLearner Learner, Guid SubscriptionId, DateTimeOffset PeriodEnd)> SubscribedAsync(SubscriptionApp app)
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

    public static async Task AdvanceToAsync(SubscriptionApp app, DateTimeOffset at, TestLearner? learner = null)
    {
        if (at > app.Time.GetUtcNow())
        {
            app.Time.Advance(at - app.Time.GetUtcNow());
        }

        learner?.RefreshToken();
        await Task.CompletedTask;
    }

    public static async Task ChangeCardAsync(TestLearner learner, Guid subscriptionId, string card)
    {
        learner.RefreshToken();
        using var response = await learner.Client.PutAsJsonAsync($"{learner.Billing}/subscriptions/{subscriptionId}/card", new { card }, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static async Task<JsonElement> SubscriptionAsync(TestLearner learner, Guid subscriptionId)
    {
        learner.RefreshToken();
        var all = await learner.Client.GetFromJsonAsync<JsonElement>($"{learner.Billing}/subscriptions", Cancel);
        return all.EnumerateArray().Single(s => s.GetProperty("subscriptionId").GetGuid() == subscriptionId);
    }

    public static async Task<JsonElement> WaitForAsync(TestLearner learner, Guid subscriptionId, Func<JsonElement, bool> condition)
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
}
