using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Verification.Billing.Contracts;
using Verification.BuildingBlocks.Access;
using Verification.Catalog.Contracts;
using Verification.Enrollment.Contracts;
using Verification.Testing;

namespace Verification.Certificates.Tests.Support;

/// <summary>
/// One partner with a course on a verified track (one graded item) and real keys, and the three facts the certificate
/// decision asks about, each made the way its module makes it: a payment through Billing's command, a pass through the
/// progress API, identity through the proctoring rows a session and a review case leave.
/// </summary>
public sealed class World(CertificatesApp app, Guid partnerId, Guid courseId, Guid trackId, string progressKey, string mintKey)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public Guid PartnerId { get; } = partnerId;

    public Guid CourseId { get; } = courseId;

    public Guid TrackId { get; } = trackId;

    public string MintKey { get; } = mintKey;

    public static async Task<World> CreateAsync(CertificatesApp app, string partnerName = "Université de Test", string courseTitle = "Honest Statistics")
    {
        var partnerId = Guid.CreateVersion7();
        var courseId = Guid.CreateVersion7();
        var trackId = Guid.CreateVersion7();
        await app.SendAsync(m => m.Send(new CreatePartner(partnerId, partnerName), Cancel));
        await app.SendAsync(m => m.Send(new CreateCourse(courseId, partnerId, "C-" + courseId.ToString("N")[^12..], courseTitle, trackId, 4900, "USD", GradedItems: 1), Cancel));
        var progress = await app.KeyAsync(partnerId, ApiScopes.LearnersWrite);
        var mint = await app.KeyAsync(partnerId, ApiScopes.TokensMint);
        return new World(app, partnerId, courseId, trackId, progress.Key, mint.Key);
    }

    public async Task<Guid> LearnerAsync(string fullName = "Ada Lovelace", string? email = null)
    {
        var learnerId = Guid.CreateVersion7();
        await app.SendAsync(m => m.Send(new RegisterLearner(learnerId, fullName, email ?? $"{learnerId:N}@example.org", PartnerId), Cancel));
        await app.SendAsync(m => m.Send(new EnrollLearner(Guid.CreateVersion7(), learnerId, CourseId, TrackId), Cancel));
        return learnerId;
    }

    public async Task PayAsync(Guid learnerId) =>
        await app.SendAsync(m => m.Send(new RecordPayment(Guid.CreateVersion7(), learnerId, TrackId, 4900, "USD"), Cancel));

    /// <summary>Passes the course's only graded item through the progress API: the course completes.</summary>
    public async Task<JsonElement> PassAsync(Guid learnerId)
    {
        using var client = app.WithKey(progressKey);
        using var response = await client.PutAsJsonAsync(
            $"/api/v1/enrollment/learners/{learnerId}/courses/{CourseId}/graded-items/final-exam",
            new { passed = true, grade = 0.9m, occurredAt = app.Time.GetUtcNow() }, Cancel);
        return await response.ReadAsync<JsonElement>();
    }

    /// <summary>An identity profile and one ended session of this course with the machine's verdict <c>Verified</c>.</summary>
    public async Task VerifiedSessionAsync(Guid learnerId) => await SessionAsync(learnerId, "Verified");

    /// <summary>An ended session with the verdict <c>NeedsReview</c> and its open review case; returns the case id.</summary>
    public async Task<Guid> FlaggedSessionAsync(Guid learnerId)
    {
        var sessionId = await SessionAsync(learnerId, "NeedsReview");
        var caseId = Guid.CreateVersion7();
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        await connection.ExecuteAsync(
            "INSERT INTO proctoring.review_cases (id, session_id, learner_id, course_id, priority, status, opened_at) VALUES (@caseId, @sessionId, @learnerId, @CourseId, 'High', 'open', now())",
            new { caseId, sessionId, learnerId, CourseId });
        return caseId;
    }

    private async Task<Guid> SessionAsync(Guid learnerId, string verdict)
    {
        var sessionId = Guid.CreateVersion7();
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        await connection.ExecuteAsync("""
            INSERT INTO proctoring.identity_profiles (learner_id, face_template, face_template_key_id, id_photo_score, typing_phrase, created_at, updated_at, version)
            VALUES (@learnerId, '\x00', 'test1', 0.9, 'phrase', now(), now(), 1) ON CONFLICT DO NOTHING
            """, new { learnerId });
        await connection.ExecuteAsync("""
            INSERT INTO proctoring.sessions (id, learner_id, course_id, assessment_id, status, verdict, priority, started_at, ended_at)
            VALUES (@sessionId, @learnerId, @CourseId, 'final-exam', 'ended', @verdict, 'Normal', now(), now())
            """, new { sessionId, learnerId, CourseId, verdict });
        return sessionId;
    }

    /// <summary>A reviewer's decision through the review API, which publishes it through proctoring's outbox.</summary>
    public async Task DecideAsync(Guid caseId, string decision)
    {
        using var reviewer = await app.StaffAsync(StaffRoles.Reviewer);
        using var response = await reviewer.PostAsJsonAsync($"/api/v1/review-cases/{caseId}/decision", new { decision, note = "checked the frames" }, Cancel);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, response.StatusCode);
    }
}
