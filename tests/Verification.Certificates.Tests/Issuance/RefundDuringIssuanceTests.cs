using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Verification.Billing.Contracts;
using Verification.Certificates.Tests.Support;

namespace Verification.Certificates.Tests.Issuance;

/// <summary>A Host whose refunds stop after the real guards until the test opens the gate.</summary>
public sealed class GatedRefundApp : CertificatesApp
{
    public RefundGate Gate { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Registered after the modules' guards, so it is asked last.
        builder.ConfigureTestServices(services => services.AddSingleton<IRefundGuard>(Gate));
    }
}

/// <summary>Vetoes nothing; holds each refund inside its transaction, after the other guards, until opened.</summary>
public sealed class RefundGate : IRefundGuard
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Reached => _reached.Task;

    public void Open() => _open.TrySetResult();

    public async ValueTask<RefundVeto?> CheckAsync(Guid learnerId, Guid certificateTrackId, CancellationToken cancellationToken)
    {
        _reached.TrySetResult();
        await _open.Task.WaitAsync(cancellationToken);
        return null;
    }
}

/// <summary>
/// A refund and the course's completion at the same moment: the certificate guard has said "none issued", the refund
/// has not committed, and the last graded item passes. The learner must not end with both the fee back and a valid
/// certificate.
/// </summary>
public sealed class RefundDuringIssuanceTests(GatedRefundApp app) : IClassFixture<GatedRefundApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_course_completed_while_a_refund_is_being_decided_never_leaves_the_fee_refunded_and_the_certificate_issued()
    {
        var world = await World.CreateAsync(app);
        var learner = await world.LearnerAsync();
        var orderId = Guid.CreateVersion7();
        await app.SendAsync(m => m.Send(new RecordPayment(orderId, learner, world.TrackId, 4900, "USD"), Cancel));
        await world.VerifiedSessionAsync(learner);
        using var client = await app.LearnerAsync(world.MintKey, learner, world.CourseId);

        var refund = RefundAsync(client, learner, orderId);
        await app.Gate.Reached.WaitAsync(TimeSpan.FromSeconds(30), Cancel);
        var pass = world.PassAsync(learner);
        // Long enough for the completion's decision to finish unless it waits for the refund.
        await Task.WhenAny(pass, Task.Delay(TimeSpan.FromSeconds(2), Cancel));
        app.Gate.Open();
        var refunded = await refund;
        await pass;

        var certificate = await CertificateRows.FindAsync(app, learner, world.CourseId);
        Assert.Equal(HttpStatusCode.OK, refunded);
        Assert.NotEqual("issued", certificate?.Status);
    }

    private static async Task<HttpStatusCode> RefundAsync(HttpClient client, Guid learner, Guid orderId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/learners/{learner}/billing/orders/{orderId}/refunds") { Content = JsonContent.Create(new { reason = "changed my mind" }) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await client.SendAsync(request, Cancel);
        return response.StatusCode;
    }
}
