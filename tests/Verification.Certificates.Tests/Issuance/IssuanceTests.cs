using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Verification.Billing.Contracts;
using Verification.BuildingBlocks.Audit;
using Verification.Certificates.Tests.Support;
using Verification.Proctoring.Contracts;

namespace Verification.Certificates.Tests.Issuance;

/// <summary>
/// The certificate decision on real modules: Billing's entitlement, Enrollment's completion and Proctoring's identity
/// answer, asked afresh at every trigger.
/// </summary>
public sealed class IssuanceTests(CertificatesApp app) : IClassFixture<CertificatesApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<bool, bool, bool> EightCombinations()
    {
        var data = new TheoryData<bool, bool, bool>();
        foreach (var paid in new[] { false, true })
        {
            foreach (var passed in new[] { false, true })
            {
                foreach (var verified in new[] { false, true })
                {
                    data.Add(paid, passed, verified);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EightCombinations))]
    public async Task Issues_a_certificate_only_when_paid_passed_and_identity_verified(bool paid, bool passed, bool verified)
    {
        var world = await World.CreateAsync(app);
        var learner = await world.LearnerAsync();
        if (paid)
        {
            await world.PayAsync(learner);
        }

        if (verified)
        {
            await world.VerifiedSessionAsync(learner);
        }

        if (passed)
        {
            // The completion is the trigger: its notification leaves through the enrollment outbox.
            await world.PassAsync(learner);
        }

        var afterTrigger = await CertificateRows.FindAsync(app, learner, world.CourseId);
        // Asked again as any later trigger would: the answer does not change.
        await CertificateRows.RecomputeAsync(app, learner, world.CourseId);
        var afterRecompute = await CertificateRows.FindAsync(app, learner, world.CourseId);

        if (paid && passed && verified)
        {
            Assert.Equal("issued", afterTrigger?.Status);
            Assert.Equal(afterTrigger, afterRecompute);
        }
        else
        {
            Assert.Null(afterTrigger);
            Assert.Null(afterRecompute);
        }
    }

    [Fact]
    public async Task An_open_review_holds_the_certificate_and_the_reviewers_approval_releases_it()
    {
        var world = await World.CreateAsync(app);
        var learner = await world.LearnerAsync();
        await world.PayAsync(learner);
        var caseId = await world.FlaggedSessionAsync(learner);
        await world.PassAsync(learner);
        var held = await CertificateRows.GetAsync(app, learner, world.CourseId);

        await world.DecideAsync(caseId, "approved");
        var released = await CertificateRows.GetAsync(app, learner, world.CourseId);

        Assert.Equal("held", held.Status);
        Assert.Null(held.IssuedAt);
        Assert.Equal("issued", released.Status);
        Assert.Equal(held.Code, released.Code);
    }

    [Fact]
    public async Task A_rejection_revokes_with_its_reason_audited_and_a_reversed_decision_issues_it_again()
    {
        var world = await World.CreateAsync(app);
        var learner = await world.LearnerAsync();
        await world.PayAsync(learner);
        var caseId = await world.FlaggedSessionAsync(learner);
        await world.PassAsync(learner);

        await world.DecideAsync(caseId, "rejected");
        var revoked = await CertificateRows.GetAsync(app, learner, world.CourseId);
        // The reviewer console does not yet offer a reversal: the case is set as a reversal would leave it, and its
        // decision published as Proctoring publishes every decision.
        await using (var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel))
        {
            await connection.ExecuteAsync("UPDATE proctoring.review_cases SET status = 'approved' WHERE id = @caseId", new { caseId });
        }

        await app.PublishAsync(new ReviewCaseDecided(caseId, Guid.CreateVersion7(), learner, world.CourseId, ReviewCaseDecision.Approved, Guid.CreateVersion7()));
        var reissued = await CertificateRows.GetAsync(app, learner, world.CourseId);

        Assert.Equal("revoked", revoked.Status);
        Assert.Equal("identity_rejected", revoked.RevocationReason);
        Assert.NotNull(revoked.RevokedAt);
        Assert.Equal("issued", reissued.Status);
        Assert.Null(reissued.RevocationReason);
        Assert.Equal(revoked.Code, reissued.Code);
        await using var audit = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        var entries = (await audit.QueryAsync<(string Action, string Data)>(
            "SELECT action, data FROM audit.entries WHERE subject = @subject ORDER BY sequence", new { subject = $"certificate:{revoked.Id}" })).ToList();
        Assert.Equal(["certificate.held", "certificate.revoked", "certificate.issued"], entries.Select(e => e.Action));
        Assert.Contains("identity_rejected", entries[1].Data, StringComparison.Ordinal);
        Assert.Contains($"review_case:{caseId}:rejected", entries[1].Data, StringComparison.Ordinal);
        var events = await audit.ExecuteScalarAsync<int>("SELECT count(*) FROM certificates.certificate_events WHERE certificate_id = @Id", new { revoked.Id });
        Assert.Equal(3, events);
        Assert.True((await app.Services.GetRequiredService<AuditChainVerifier>().VerifyAsync(Cancel)).IsIntact);
    }

    [Fact]
    public async Task Billing_is_refused_a_refund_once_the_certificate_was_issued_and_not_while_it_is_held()
    {
        var world = await World.CreateAsync(app);
        var issued = await world.LearnerAsync();
        var held = await world.LearnerAsync("Grace Hopper");
        foreach (var learner in new[] { issued, held })
        {
            await world.PayAsync(learner);
        }

        await world.VerifiedSessionAsync(issued);
        await world.FlaggedSessionAsync(held);
        await world.PassAsync(issued);
        await world.PassAsync(held);

        var guards = app.Services.GetServices<IRefundGuard>().ToList();
        var vetoIssued = await FirstVetoAsync(guards, issued, world.TrackId);
        var vetoHeld = await FirstVetoAsync(guards, held, world.TrackId);

        Assert.NotEmpty(guards);
        Assert.Equal("certificate_issued", vetoIssued?.Code);
        Assert.Null(vetoHeld);
    }

    [Fact]
    public async Task A_withdrawn_entitlement_leaves_an_issued_certificate_valid_and_a_learner_without_one_gets_none()
    {
        var world = await World.CreateAsync(app);
        var issued = await world.LearnerAsync();
        var unpaid = await world.LearnerAsync("Alan Turing");
        await world.PayAsync(issued);
        await world.VerifiedSessionAsync(issued);
        await world.VerifiedSessionAsync(unpaid);
        await world.PassAsync(issued);
        await world.PassAsync(unpaid);

        await app.PublishAsync(new TrackEntitlementWithdrawn(issued, world.TrackId, EntitlementWithdrawalReason.SubscriptionLapsed, app.Time.GetUtcNow()));
        await app.PublishAsync(new TrackEntitlementWithdrawn(unpaid, world.TrackId, EntitlementWithdrawalReason.Refunded, app.Time.GetUtcNow()));

        Assert.Equal("issued", (await CertificateRows.GetAsync(app, issued, world.CourseId)).Status);
        Assert.Null(await CertificateRows.FindAsync(app, unpaid, world.CourseId));
    }

    [Fact]
    public async Task Concurrent_triggers_for_one_learner_make_one_certificate()
    {
        var world = await World.CreateAsync(app);
        var learner = await world.LearnerAsync();
        await world.PayAsync(learner);
        await world.VerifiedSessionAsync(learner);
        await world.PassAsync(learner);
        await using (var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel))
        {
            await connection.ExecuteAsync("DELETE FROM certificates.certificate_events WHERE certificate_id IN (SELECT id FROM certificates.certificates WHERE learner_id = @learner)", new { learner });
            await connection.ExecuteAsync("DELETE FROM certificates.credentials WHERE certificate_id IN (SELECT id FROM certificates.certificates WHERE learner_id = @learner)", new { learner });
            await connection.ExecuteAsync("DELETE FROM certificates.certificates WHERE learner_id = @learner", new { learner });
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => CertificateRows.RecomputeAsync(app, learner, world.CourseId)));

        await using var check = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        Assert.Equal(1, await check.ExecuteScalarAsync<int>("SELECT count(*) FROM certificates.certificates WHERE learner_id = @learner", new { learner }));
        Assert.Equal(1, await check.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM certificates.certificate_events e JOIN certificates.certificates c ON c.id = e.certificate_id WHERE c.learner_id = @learner", new { learner }));
    }

    // As Billing asks: every guard in turn, the first veto refuses.
    private static async Task<RefundVeto?> FirstVetoAsync(IEnumerable<IRefundGuard> guards, Guid learnerId, Guid trackId)
    {
        foreach (var guard in guards)
        {
            if (await guard.CheckAsync(learnerId, trackId, Cancel) is { } veto)
            {
                return veto;
            }
        }

        return null;
    }
}
