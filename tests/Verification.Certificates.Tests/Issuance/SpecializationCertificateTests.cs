using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Verification.Billing.Contracts;
using Verification.BuildingBlocks.Access;
using Verification.Catalog.Contracts;
using Verification.Certificates.Tests.Support;
using Verification.Enrollment.Contracts;

namespace Verification.Certificates.Tests.Issuance;

/// <summary>
/// A specialization of two courses: its certificate is issued when both courses' certificates are, paid for by the
/// specialization's track or by each course's; it is held while a course's is held and revoked when one is revoked.
/// </summary>
public sealed class SpecializationCertificateTests(CertificatesApp app) : IClassFixture<CertificatesApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("specialization", true)]
    [InlineData("each course", true)]
    [InlineData("one course", false)]
    [InlineData("nothing", false)]
    public async Task The_specialization_certificate_is_issued_once_both_courses_are_certified_and_it_is_paid_for(string paidFor, bool issued)
    {
        var (first, second, specializationId, specializationTrack) = await SpecializationAsync();
        var learner = await LearnerOfBothAsync(first, second);
        if (paidFor == "specialization")
        {
            await PayAsync(learner, specializationTrack);
        }
        else if (paidFor == "each course")
        {
            await first.PayAsync(learner);
            await second.PayAsync(learner);
        }
        else if (paidFor == "one course")
        {
            await first.PayAsync(learner);
        }

        await first.VerifiedSessionAsync(learner);
        await second.VerifiedSessionAsync(learner);
        await first.PassAsync(learner);
        var afterFirst = await CertificateRows.FindAsync(app, learner, specializationId);
        await second.PassAsync(learner);

        var specialization = await CertificateRows.FindAsync(app, learner, specializationId);
        Assert.Null(afterFirst);
        if (issued)
        {
            Assert.Equal("issued", specialization?.Status);
            Assert.Equal("issued", (await CertificateRows.GetAsync(app, learner, first.CourseId)).Status);
            Assert.Equal("issued", (await CertificateRows.GetAsync(app, learner, second.CourseId)).Status);
            using var page = await app.CreateClient().GetAsync($"/verify/{CertificateRows.Display(specialization!.Code)}", Cancel);
            var html = await page.Content.ReadAsStringAsync(Cancel);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("Data Science in Two Steps", html, StringComparison.Ordinal);
            Assert.Contains("Valid", html, StringComparison.Ordinal);
            await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);
            var kind = await connection.ExecuteScalarAsync<string>("SELECT kind FROM certificates.certificates WHERE id = @Id", new { specialization.Id });
            Assert.Equal("specialization", kind);
            Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT count(*)::int FROM certificates.credentials WHERE certificate_id = @Id", new { specialization.Id }));
        }
        else
        {
            Assert.Null(specialization);
        }
    }

    [Fact]
    public async Task A_held_course_holds_the_specialization_certificate_and_the_approval_releases_both()
    {
        var (first, second, specializationId, specializationTrack) = await SpecializationAsync();
        var learner = await LearnerOfBothAsync(first, second);
        await PayAsync(learner, specializationTrack);
        await first.VerifiedSessionAsync(learner);
        var caseId = await second.FlaggedSessionAsync(learner);
        await first.PassAsync(learner);
        await second.PassAsync(learner);
        var whileHeld = await CertificateRows.FindAsync(app, learner, specializationId);

        await second.DecideAsync(caseId, "approved");

        Assert.Equal("held", whileHeld?.Status);
        Assert.Equal("issued", (await CertificateRows.GetAsync(app, learner, second.CourseId)).Status);
        Assert.Equal("issued", (await CertificateRows.GetAsync(app, learner, specializationId)).Status);
    }

    [Fact]
    public async Task A_rejected_course_revokes_the_specialization_certificate_with_its_reason()
    {
        var (first, second, specializationId, _) = await SpecializationAsync();
        var learner = await LearnerOfBothAsync(first, second);
        await first.PayAsync(learner);
        await second.PayAsync(learner);
        await first.VerifiedSessionAsync(learner);
        var caseId = await second.FlaggedSessionAsync(learner);
        await first.PassAsync(learner);
        await second.PassAsync(learner);
        var whileHeld = await CertificateRows.FindAsync(app, learner, specializationId);

        await second.DecideAsync(caseId, "rejected");

        var specialization = await CertificateRows.GetAsync(app, learner, specializationId);
        Assert.Equal("held", whileHeld?.Status);
        Assert.Equal("issued", (await CertificateRows.GetAsync(app, learner, first.CourseId)).Status);
        Assert.Equal("revoked", (await CertificateRows.GetAsync(app, learner, second.CourseId)).Status);
        Assert.Equal("revoked", specialization.Status);
        Assert.Equal("course_revoked", specialization.RevocationReason);
    }

    [Fact]
    public async Task Billing_is_refused_a_refund_of_the_specialization_once_a_certificate_it_paid_for_was_issued()
    {
        var (first, second, specializationId, specializationTrack) = await SpecializationAsync();
        var certified = await LearnerOfBothAsync(first, second);
        var notYet = await LearnerOfBothAsync(first, second);
        foreach (var learner in new[] { certified, notYet })
        {
            await PayAsync(learner, specializationTrack);
        }

        await first.VerifiedSessionAsync(certified);
        await first.PassAsync(certified);

        var guards = app.Services.GetServices<IRefundGuard>().ToList();
        var vetoCertified = await FirstVetoAsync(guards, certified, specializationTrack);
        var vetoNotYet = await FirstVetoAsync(guards, notYet, specializationTrack);

        Assert.Equal("issued", (await CertificateRows.GetAsync(app, certified, first.CourseId)).Status);
        Assert.Null(await CertificateRows.FindAsync(app, certified, specializationId));
        Assert.Equal("certificate_issued", vetoCertified?.Code);
        Assert.Null(vetoNotYet);
    }

    private static async Task<RefundVeto?> FirstVetoAsync(IEnumerable<IRefundGuard> guards, Guid learner, Guid track)
    {
        foreach (var guard in guards)
        {
            if (await guard.CheckAsync(learner, track, Cancel) is { } veto)
            {
                return veto;
            }
        }

        return null;
    }

    /// <summary>One partner, two courses (each with its own track) and a specialization of both with its track.</summary>
    private async Task<(World First, World Second, Guid SpecializationId, Guid SpecializationTrack)> SpecializationAsync()
    {
        var first = await World.CreateAsync(app, "Specialist University", "Step One");
        var secondCourse = Guid.CreateVersion7();
        var secondTrack = Guid.CreateVersion7();
        await app.SendAsync(m => m.Send(new CreateCourse(secondCourse, first.PartnerId, "C-" + secondCourse.ToString("N")[^12..], "Step Two", secondTrack, 4900, "USD", GradedItems: 1), Cancel));
        var progress = await app.KeyAsync(first.PartnerId, ApiScopes.LearnersWrite);
        var second = new World(app, first.PartnerId, secondCourse, secondTrack, progress.Key, first.MintKey);
        var specializationId = Guid.CreateVersion7();
        var specializationTrack = Guid.CreateVersion7();
        Assert.True(await app.SendAsync(m => m.Send(new CreateSpecialization(
            specializationId, first.PartnerId, "s-" + specializationId.ToString("N")[^12..], "Data Science in Two Steps", [first.CourseId, secondCourse], specializationTrack, 8900, "USD"), Cancel)));
        return (first, second, specializationId, specializationTrack);
    }

    private async Task<Guid> LearnerOfBothAsync(World first, World second)
    {
        var learner = await first.LearnerAsync();
        await app.SendAsync(m => m.Send(new EnrollLearner(Guid.CreateVersion7(), learner, second.CourseId, second.TrackId), Cancel));
        return learner;
    }

    private async Task PayAsync(Guid learner, Guid track) =>
        await app.SendAsync(m => m.Send(new RecordPayment(Guid.CreateVersion7(), learner, track, 8900, "USD"), Cancel));
}
