using Dapper;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Verification.Billing.Contracts;
using Verification.Enrollment.Contracts;
using Verification.Proctoring.Contracts;

namespace Verification.Certificates.Issuance;

/// <summary>
/// What makes the decision run again: a completed course, a verdict, a review case opened or decided, an entitlement
/// withdrawn. Each arrives through its module's outbox (at least once), and recomputing is idempotent. The course's
/// certificate is decided first, then those of the specializations that include the course.
/// </summary>
public sealed class IssuanceTriggers(NpgsqlDataSource dataSource, IServiceProvider services)
    : INotificationHandler<CourseCompleted>,
      INotificationHandler<SessionVerdictReached>,
      INotificationHandler<ReviewCaseOpened>,
      INotificationHandler<ReviewCaseDecided>,
      INotificationHandler<TrackEntitlementWithdrawn>
{
    public async ValueTask Handle(CourseCompleted notification, CancellationToken cancellationToken) =>
        await RecomputeAsync(notification.LearnerId, notification.CourseId, $"enrollment:{notification.EnrollmentId}:completed", cancellationToken);

    public async ValueTask Handle(SessionVerdictReached notification, CancellationToken cancellationToken) =>
        await RecomputeAsync(notification.LearnerId, notification.CourseId, $"session:{notification.SessionId}:verdict", cancellationToken);

    public async ValueTask Handle(ReviewCaseOpened notification, CancellationToken cancellationToken) =>
        await RecomputeAsync(notification.LearnerId, notification.CourseId, $"review_case:{notification.CaseId}:opened", cancellationToken);

    public async ValueTask Handle(ReviewCaseDecided notification, CancellationToken cancellationToken) =>
        await RecomputeAsync(notification.LearnerId, notification.CourseId, $"review_case:{notification.CaseId}:{ReviewCaseDecisions.Name(notification.Decision)}", cancellationToken);

    public async ValueTask Handle(TrackEntitlementWithdrawn notification, CancellationToken cancellationToken)
    {
        // Only certificates that exist can change. Every course certificate of the learner is decided again: a
        // specialization's track may have paid for it.
        IReadOnlyList<Guid> courses;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            courses = [.. await connection.QueryAsync<Guid>(new CommandDefinition(
                "SELECT course_id FROM certificates.certificates WHERE learner_id = @LearnerId AND kind = 'course' ORDER BY created_at",
                new { notification.LearnerId }, cancellationToken: cancellationToken))];
        }

        foreach (var courseId in courses)
        {
            await RecomputeAsync(notification.LearnerId, courseId, $"entitlement:{notification.Reason}", cancellationToken);
        }
    }

    // The issuers are internal to the module; a routed handler must be public, so it asks its scope for them.
    private async Task RecomputeAsync(Guid learnerId, Guid courseId, string cause, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<CertificateIssuer>().RecomputeAsync(learnerId, courseId, cause, cancellationToken);
        await services.GetRequiredService<SpecializationIssuer>().RecomputeForCourseAsync(learnerId, courseId, cause, cancellationToken);
    }
}
