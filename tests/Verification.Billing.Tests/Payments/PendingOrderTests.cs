using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Verification.Billing.Contracts;
using Verification.Billing.Tests.Support;

namespace Verification.Billing.Tests.Payments;

/// <summary>A Host whose billing jobs run on the fake clock's minutes, as in production, so a test moves the clock and waits.</summary>
public sealed class TimedBillingApp : BillingApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Billing:RenewalIntervalSeconds", "60");
    }
}

/// <summary>Orders whose confirming webhook never comes: the provider is asked once the confirmation timeout has passed.</summary>
public sealed class PendingOrderTests(TimedBillingApp app) : IClassFixture<TimedBillingApp>
{
    private const string NeverConfirmed = "4000000000000341";
    private static readonly TimeSpan PastTheTimeout = TimeSpan.FromMinutes(61);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_order_the_provider_never_confirms_is_declined_after_the_timeout_and_the_learner_can_buy_the_track_again()
    {
        var learner = await app.LearnerAsync();
        using var stuck = await learner.OrderAsync(Guid.NewGuid().ToString("N"), NeverConfirmed);
        var stuckId = (await stuck.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("orderId").GetGuid();
        using var meanwhile = await learner.OrderAsync(Guid.NewGuid().ToString("N"));

        app.Time.Advance(PastTheTimeout);
        learner.RefreshToken();
        var declined = await learner.WaitForStatusAsync(stuckId, "declined");
        var paid = await learner.PayAsync();

        Assert.Equal(HttpStatusCode.Accepted, stuck.StatusCode);
        Assert.Equal("payment_pending", (await meanwhile.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
        Assert.Equal("unconfirmed", declined.GetProperty("declineCode").GetString());
        Assert.Equal("paid", paid.GetProperty("status").GetString());
        Assert.Equal(EntitlementState.Paid, (await learner.EntitlementAsync()).State);
        Assert.Equal(learner.PriceMinor, await LearnerPaidAsync(learner));
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
    }

    [Fact]
    public async Task An_order_whose_webhook_is_lost_is_paid_after_the_timeout_by_asking_the_provider()
    {
        var learner = await app.LearnerAsync();
        HttpResponseMessage placed;
        var lostBefore = app.LostWebhooks.Count;
        app.LoseWebhooks = true;
        try
        {
            placed = await learner.OrderAsync(Guid.NewGuid().ToString("N"));
            // The provider sends in the background: the network stays broken until this order's webhook was lost.
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (app.LostWebhooks.Count == lostBefore && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, Cancel);
            }
        }
        finally
        {
            app.LoseWebhooks = false;
        }

        using (placed)
        {
            var orderId = (await placed.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("orderId").GetGuid();
            app.Time.Advance(PastTheTimeout);
            learner.RefreshToken();
            var paid = await learner.WaitForStatusAsync(orderId, "paid");

            Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
            Assert.Equal(lostBefore + 1, app.LostWebhooks.Count);
            Assert.NotNull(paid.GetProperty("receipt").GetString());
        }

        Assert.Equal(EntitlementState.Paid, (await learner.EntitlementAsync()).State);
        Assert.Equal(learner.PriceMinor, await LearnerPaidAsync(learner));
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
    }

    private async Task<long> LearnerPaidAsync(TestLearner learner)
    {
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT coalesce(sum(amount_minor), 0) FROM billing.ledger_postings WHERE account = 'learner' AND owner_id = @LearnerId", new { learner.LearnerId });
    }
}
