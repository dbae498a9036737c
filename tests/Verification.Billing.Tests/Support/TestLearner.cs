using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Verification.Billing.Contracts;
using Verification.BuildingBlocks.Access;

namespace Verification.Billing.Tests.Support;

/// <summary>A learner of a partner's course with a verified track, calling the billing API with their own learner token.</summary>
public sealed record TestLearner(BillingApp App, Guid PartnerId, Guid CourseId, Guid TrackId, Guid LearnerId, long PriceMinor, HttpClient Client)
{
    public const string GoodCard = "4242424242424242";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public string Billing => $"/api/v1/learners/{LearnerId}/billing";

    public Task<HttpResponseMessage> OrderAsync(string key, string card = GoodCard, Guid? courseId = null) =>
        PostAsync($"{Billing}/orders", key, new { courseId = courseId ?? CourseId, card });

    public Task<HttpResponseMessage> RefundAsync(Guid orderId, string key, long? amountMinor = null, string? reason = null) =>
        PostAsync($"{Billing}/orders/{orderId}/refunds", key, new { amountMinor, reason });

    /// <summary>Orders with a good card and waits for the provider's webhook to mark it paid.</summary>
    public async Task<JsonElement> PayAsync()
    {
        using var response = await OrderAsync(Guid.NewGuid().ToString("N"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var order = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        return await WaitForStatusAsync(order.GetProperty("orderId").GetGuid(), "paid");
    }

    public async Task<JsonElement> OrderViewAsync(Guid orderId) =>
        await Client.GetFromJsonAsync<JsonElement>($"{Billing}/orders/{orderId}", Cancel);

    public async Task<JsonElement> WaitForStatusAsync(Guid orderId, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var order = await OrderViewAsync(orderId);
            if (order.GetProperty("status").GetString() == status)
            {
                return order;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Order {orderId} is {order.GetProperty("status").GetString()}, not {status}.");
            await Task.Delay(50, Cancel);
        }
    }

    /// <summary>A new token from the Host's own token service, after the test moved the clock past the old one's expiry.</summary>
    public void RefreshToken()
    {
        var tokens = App.Services.GetRequiredService<LearnerTokenService>();
        var (token, _) = tokens.Issue(LearnerId, PartnerId, CourseId, LearnerTokenPurposes.Enrollment, null, 1, TimeSpan.FromHours(1));
        Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
    }

    public Task<TrackEntitlement> EntitlementAsync() => App.SendAsync(m => m.Send(new GetTrackEntitlement(LearnerId, TrackId), Cancel));

    private async Task<HttpResponseMessage> PostAsync(string path, string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await Client.SendAsync(request, Cancel);
    }
}
