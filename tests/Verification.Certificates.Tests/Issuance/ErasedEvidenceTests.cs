using Dapper;
using Verification.Certificates.Tests.Support;
using Verification.Proctoring.Contracts;

namespace Verification.Certificates.Tests.Issuance;

/// <summary>A learner's erasure of their identity evidence notes it on every certificate of theirs, those issued afterwards too.</summary>
public sealed class ErasedEvidenceTests(CertificatesApp app) : IClassFixture<CertificatesApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_certificate_issued_after_the_erasure_carries_the_erased_evidence_note_and_stays_valid()
    {
        var world = await World.CreateAsync(app);
        var learner = await world.LearnerAsync();
        var other = await world.LearnerAsync("Grace Hopper");
        foreach (var someone in new[] { learner, other })
        {
            await world.PayAsync(someone);
            await world.VerifiedSessionAsync(someone);
        }

        var erasedAt = app.Time.GetUtcNow();
        await app.PublishAsync(new LearnerIdentityEvidenceErased(learner, erasedAt));
        // Delivered twice, as an outbox may: the first erasure time stands.
        await app.PublishAsync(new LearnerIdentityEvidenceErased(learner, erasedAt.AddHours(1)));
        await world.PassAsync(learner);
        await world.PassAsync(other);

        var issued = await CertificateRows.GetAsync(app, learner, world.CourseId);
        var untouched = await CertificateRows.GetAsync(app, other, world.CourseId);
        Assert.Equal("issued", issued.Status);
        Assert.Equal("issued", untouched.Status);
        Assert.Equal(erasedAt.UtcDateTime, (await ErasedAtAsync(issued.Id))!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Null(await ErasedAtAsync(untouched.Id));
        using var anonymous = app.CreateClient();
        var page = await anonymous.GetStringAsync($"/verify/{CertificateRows.Display(issued.Code)}", Cancel);
        var otherPage = await anonymous.GetStringAsync($"/verify/{CertificateRows.Display(untouched.Code)}", Cancel);
        Assert.Contains("Erased at the learner's request; the verification stands.", page, StringComparison.Ordinal);
        Assert.Contains("Valid", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Erased at the learner's request", otherPage, StringComparison.Ordinal);
    }

    private async Task<DateTime?> ErasedAtAsync(Guid certificateId)
    {
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        return await connection.ExecuteScalarAsync<DateTime?>("SELECT identity_evidence_erased_at FROM certificates.certificates WHERE id = @certificateId", new { certificateId });
    }
}
