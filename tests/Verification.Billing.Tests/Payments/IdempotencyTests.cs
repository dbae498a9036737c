using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Verification.Billing.Tests.Support;

namespace Verification.Billing.Tests.Payments;

public sealed class IdempotencyTests(BillingApp app) : IClassFixture<BillingApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_same_payment_request_sent_twice_charges_once_and_answers_the_same()
    {
        var learner = await app.LearnerAsync();
        var key = Guid.NewGuid().ToString("N");
        var charges = app.Provider.ChargesMade;

        using var first = await learner.OrderAsync(key);
        using var second = await learner.OrderAsync(key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(Cancel), await second.Content.ReadAsStringAsync(Cancel));
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(charges + 1, app.Provider.ChargesMade);
        await learner.WaitForStatusAsync((await first.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("orderId").GetGuid(), "paid");
        await AssertOneOrderAsync(learner);
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
    }

    [Fact]
    public async Task Twenty_concurrent_requests_under_one_key_charge_once_and_all_get_the_same_order()
    {
        var learner = await app.LearnerAsync();
        var key = Guid.NewGuid().ToString("N");
        var charges = app.Provider.ChargesMade;

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => learner.OrderAsync(key)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var orderIds = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("orderId").GetGuid()));
        Assert.Single(orderIds.Distinct());
        Assert.Equal(charges + 1, app.Provider.ChargesMade);
        await learner.WaitForStatusAsync(orderIds[0], "paid");
        await AssertOneOrderAsync(learner);
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Twenty_concurrent_requests_under_different_keys_for_one_track_charge_once()
    {
        var learner = await app.LearnerAsync();
        var charges = app.Provider.ChargesMade;

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => learner.OrderAsync(Guid.NewGuid().ToString("N"))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Accepted), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(charges + 1, app.Provider.ChargesMade);
        await AssertOneOrderAsync(learner);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_refused_with_422_and_charges_nothing_more()
    {
        var learner = await app.LearnerAsync();
        var key = Guid.NewGuid().ToString("N");
        using var first = await learner.OrderAsync(key, "4000000000000002");
        var charges = app.Provider.ChargesMade;

        using var other = await learner.OrderAsync(key, "4242424242424242");
        using var missing = await learner.Client.PostAsJsonAsync($"{learner.Billing}/orders", new { courseId = learner.CourseId, card = "4242424242424242" }, Cancel);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("idempotency_key_reused", (await other.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("idempotency_key_required", (await missing.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
        Assert.Equal(charges, app.Provider.ChargesMade);
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
    }

    private async Task AssertOneOrderAsync(TestLearner learner)
    {
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM billing.orders WHERE learner_id = @LearnerId", new { learner.LearnerId }));
    }
}
