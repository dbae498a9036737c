using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Verification.Billing.Contracts;
using Verification.Billing.Tests.Support;

namespace Verification.Billing.Tests.Refunds;

/// <summary>A test host with a refund guard registered, as the Certificates module registers its own.</summary>
public sealed class RefundApp : BillingApp
{
    public VetoGuard Guard { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IRefundGuard>(Guard);
}

/// <summary>Vetoes the refund of the tracks it is told of, as "not once the certificate was issued".</summary>
public sealed class VetoGuard : IRefundGuard
{
    private readonly ConcurrentDictionary<(Guid, Guid), bool> _issued = new();

    public void CertificateIssued(Guid learnerId, Guid trackId) => _issued[(learnerId, trackId)] = true;

    public ValueTask<RefundVeto?> CheckAsync(Guid learnerId, Guid certificateTrackId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_issued.ContainsKey((learnerId, certificateTrackId)) ? new RefundVeto("certificate_issued", "The certificate was issued; its fee is no longer refundable.") : null);
}

public sealed class RefundTests(RefundApp app) : IClassFixture<RefundApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_full_refund_withdraws_the_entitlement_and_publishes_the_withdrawal_through_the_outbox()
    {
        var learner = await app.LearnerAsync();
        var orderId = (await learner.PayAsync()).GetProperty("orderId").GetGuid();

        using var response = await learner.RefundAsync(orderId, Guid.NewGuid().ToString("N"), reason: "changed my mind");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var order = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("refunded", order.GetProperty("status").GetString());
        Assert.Equal(EntitlementState.NotPaid, (await learner.EntitlementAsync()).State);
        var message = await WaitForDeliveredWithdrawalAsync(learner);
        Assert.Equal(learner.TrackId, message.GetProperty("CertificateTrackId").GetGuid());
        Assert.Equal((int)EntitlementWithdrawalReason.Refunded, message.GetProperty("Reason").GetInt32());
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
    }

    [Fact]
    public async Task Partial_refunds_keep_the_track_paid_until_the_last_one_and_never_exceed_the_payment()
    {
        var learner = await app.LearnerAsync(priceMinor: 4999);
        var orderId = (await learner.PayAsync()).GetProperty("orderId").GetGuid();

        using var part = await learner.RefundAsync(orderId, Guid.NewGuid().ToString("N"), 1001);
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
        using var tooMuch = await learner.RefundAsync(orderId, Guid.NewGuid().ToString("N"), 4000);
        var paidAfterPart = (await learner.EntitlementAsync()).State;
        using var rest = await learner.RefundAsync(orderId, Guid.NewGuid().ToString("N"));

        Assert.Equal(HttpStatusCode.OK, part.StatusCode);
        Assert.Equal(1001, (await part.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("refundedMinor").GetInt64());
        Assert.Equal(EntitlementState.Paid, paidAfterPart);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMuch.StatusCode);
        Assert.Equal("refund_exceeds_payment", (await tooMuch.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, rest.StatusCode);
        Assert.Equal(4999, (await rest.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("refundedMinor").GetInt64());
        Assert.Equal(EntitlementState.NotPaid, (await learner.EntitlementAsync()).State);
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>(
            "SELECT coalesce(sum(amount_minor), 0) FROM billing.ledger_postings WHERE account = 'partner' AND owner_id = @PartnerId", new { learner.PartnerId }));
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
    }

    [Fact]
    public async Task The_same_refund_request_twice_refunds_once()
    {
        var learner = await app.LearnerAsync();
        var orderId = (await learner.PayAsync()).GetProperty("orderId").GetGuid();
        var key = Guid.NewGuid().ToString("N");

        using var first = await learner.RefundAsync(orderId, key, 500);
        using var second = await learner.RefundAsync(orderId, key, 500);

        Assert.Equal(await first.Content.ReadAsStringAsync(Cancel), await second.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(500, (await learner.OrderViewAsync(orderId)).GetProperty("refundedMinor").GetInt64());
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
    }

    [Fact]
    public async Task A_refund_after_the_fourteen_day_window_is_refused_with_its_reason()
    {
        var learner = await app.LearnerAsync();
        var orderId = (await learner.PayAsync()).GetProperty("orderId").GetGuid();
        var refundableUntil = (await learner.OrderViewAsync(orderId)).GetProperty("refundableUntil").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromDays(14), refundableUntil - (await learner.OrderViewAsync(orderId)).GetProperty("paidAt").GetDateTimeOffset());

        app.Time.Advance(TimeSpan.FromDays(14) + TimeSpan.FromSeconds(1));
        learner.RefreshToken();
        using var response = await learner.RefundAsync(orderId, Guid.NewGuid().ToString("N"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("refund_window_closed", (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, (await learner.OrderViewAsync(orderId)).GetProperty("refundableUntil").ValueKind);
        Assert.Equal(EntitlementState.Paid, (await learner.EntitlementAsync()).State);
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
    }

    [Fact]
    public async Task A_refund_after_the_certificate_was_issued_is_refused_with_the_guards_code()
    {
        var learner = await app.LearnerAsync();
        var orderId = (await learner.PayAsync()).GetProperty("orderId").GetGuid();
        app.Guard.CertificateIssued(learner.LearnerId, learner.TrackId);
        var charges = app.Provider.ChargesMade;

        using var response = await learner.RefundAsync(orderId, Guid.NewGuid().ToString("N"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("certificate_issued", problem.GetProperty("code").GetString());
        Assert.Contains("certificate was issued", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await learner.OrderViewAsync(orderId)).GetProperty("refundedMinor").GetInt64());
        Assert.Equal(charges, app.Provider.ChargesMade);
        Assert.Equal(EntitlementState.Paid, (await learner.EntitlementAsync()).State);
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
    }

    private async Task<JsonElement> WaitForDeliveredWithdrawalAsync(TestLearner learner)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        while (true)
        {
            var payload = await connection.ExecuteScalarAsync<string?>(
                "SELECT payload::text FROM billing.outbox WHERE message_type LIKE '%TrackEntitlementWithdrawn' AND payload->>'LearnerId' = @id AND delivered_at IS NOT NULL",
                new { id = learner.LearnerId.ToString() });
            if (payload is not null)
            {
                return JsonDocument.Parse(payload).RootElement.Clone();
            }

            Assert.True(DateTime.UtcNow < deadline, "The withdrawal was not delivered.");
            await Task.Delay(100, Cancel);
        }
    }
}
