using System.Net;
using System.Text.Json;
using Verification.Billing.Contracts;
using Verification.Billing.Tests.Support;

namespace Verification.Billing.Tests.Path;

/// <summary>
/// The whole path in one Host: catalog → enroll → pay with a card → complete, and the certificate decision that
/// follows "paid" when a card is declined or the fee is refunded. Identity is set from outside (<see cref="CertificatePath"/>).
/// </summary>
public sealed class CertificatePathTests(BillingApp app) : IClassFixture<BillingApp>
{
    private const string DeclinedCard = "4000000000000002";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Paid_by_card_passed_and_verified_issues_the_certificate_and_its_fee_is_then_not_refundable()
    {
        var learner = await app.LearnerAsync();
        var orderId = (await learner.PayAsync()).GetProperty("orderId").GetGuid();
        Assert.Equal(EntitlementState.Paid, (await EntitlementAsync(learner)).State);

        await VerifiedSessionAsync(learner);
        await CompleteAsync(learner);

        var certificates = await CertificatesAsync(learner);
        Assert.Equal("issued", Assert.Single(certificates).GetProperty("status").GetString());
        using var refund = await learner.RefundAsync(orderId, Guid.NewGuid().ToString("N"));
        Assert.Equal(HttpStatusCode.Conflict, refund.StatusCode);
        Assert.Contains("certificate_issued", await refund.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(EntitlementState.Paid, (await EntitlementAsync(learner)).State);
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
    }

    [Fact]
    public async Task A_declined_card_leaves_the_track_unpaid_and_completion_issues_no_certificate()
    {
        var learner = await app.LearnerAsync();
        using var order = await learner.OrderAsync(Guid.NewGuid().ToString("N"), DeclinedCard);
        Assert.Equal(HttpStatusCode.PaymentRequired, order.StatusCode);
        Assert.Equal(EntitlementState.NotPaid, (await EntitlementAsync(learner)).State);

        await VerifiedSessionAsync(learner);
        await CompleteAsync(learner);

        Assert.Empty(await CertificatesAsync(learner));
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
    }

    [Fact]
    public async Task A_refund_before_completion_withdraws_paid_and_completion_issues_no_certificate()
    {
        var learner = await app.LearnerAsync();
        var orderId = (await learner.PayAsync()).GetProperty("orderId").GetGuid();
        using (var refund = await learner.RefundAsync(orderId, Guid.NewGuid().ToString("N")))
        {
            Assert.Equal(HttpStatusCode.OK, refund.StatusCode);
        }

        Assert.Equal(EntitlementState.NotPaid, (await EntitlementAsync(learner)).State);
        await VerifiedSessionAsync(learner);
        await CompleteAsync(learner);

        Assert.Empty(await CertificatesAsync(learner));
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
    }

    private Task<TrackEntitlement> EntitlementAsync(TestLearner learner) =>
        app.SendAsync(m => m.Send(new GetTrackEntitlement(learner.LearnerId, learner.TrackId), Cancel));

    private Task VerifiedSessionAsync(TestLearner learner) => CertificatePath.VerifiedSessionAsync(app, learner);

    private Task CompleteAsync(TestLearner learner) => CertificatePath.CompleteAsync(app, learner);

    private static Task<List<JsonElement>> CertificatesAsync(TestLearner learner) => CertificatePath.CertificatesAsync(learner);
}
