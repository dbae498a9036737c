using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Verification.Billing.Tests.Support;

namespace Verification.Billing.Tests.Faults;

public sealed class DatabaseOutageTests(OutageApp app) : IClassFixture<OutageApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_database_stopped_during_a_payment_leaves_nothing_half_written_answers_503_and_the_retry_with_the_same_key_charges_once()
    {
        var learner = await app.LearnerAsync();
        var key = Guid.NewGuid().ToString("N");
        var charges = app.Provider.ChargesMade;

        app.StopDatabaseDuringNextCharge = true;
        using var during = await learner.OrderAsync(key);
        await app.Postgres.StartServerAsync();
        var ordersAfterOutage = await OrdersAsync(learner);
        using var retry = await RetryWhileUnavailableAsync(() => learner.OrderAsync(key));
        using var again = await learner.OrderAsync(key);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.Equal("database_unavailable", (await during.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
        Assert.NotNull(during.Headers.RetryAfter);
        Assert.Equal(0, ordersAfterOutage);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Equal(await retry.Content.ReadAsStringAsync(Cancel), await again.Content.ReadAsStringAsync(Cancel));
        var orderId = (await retry.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("orderId").GetGuid();
        await learner.WaitForStatusAsync(orderId, "paid");
        Assert.Equal(charges + 1, app.Provider.ChargesMade);
        Assert.Equal(1, await OrdersAsync(learner));
        await LedgerInvariant.AssertHoldsAsync(app.DataSource);
    }

    /// <summary>As a client told Retry-After does: a pooled connection that died with the server may fail one more call.</summary>
    private static async Task<HttpResponseMessage> RetryWhileUnavailableAsync(Func<Task<HttpResponseMessage>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await call();
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 10)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(500, Cancel);
        }
    }

    private async Task<int> OrdersAsync(TestLearner learner)
    {
        await using var connection = await app.DataSource.OpenConnectionAsync(Cancel);
        return await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM billing.orders WHERE learner_id = @LearnerId", new { learner.LearnerId });
    }
}
