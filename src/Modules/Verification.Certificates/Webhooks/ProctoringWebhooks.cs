using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Verification.Catalog.Contracts;
using Verification.Proctoring.Contracts;

namespace Verification.Certificates.Webhooks;

/// <summary>
/// Passes Proctoring's verdicts, review decisions and appeals on to the course's partner as <c>session.verdict</c>,
/// <c>review.decided</c> and <c>review.appealed</c>.
/// </summary>
public sealed class ProctoringWebhooks(NpgsqlDataSource dataSource, IMediator mediator, IServiceProvider services, TimeProvider time)
    : INotificationHandler<SessionVerdictReached>, INotificationHandler<ReviewCaseDecided>, INotificationHandler<ReviewCaseAppealed>
{
    public ValueTask Handle(SessionVerdictReached notification, CancellationToken cancellationToken) =>
        QueueAsync(notification.CourseId, notification.SessionId, WebhookEvents.SessionVerdict, new
        {
            notification.SessionId,
            notification.LearnerId,
            notification.CourseId,
            notification.AssessmentId,
            // The payload's strings stay what partners were promised, whatever the contract's types.
            Verdict = notification.Verdict.ToString(),
            Priority = notification.Priority.ToString(),
            notification.Flags,
        }, cancellationToken);

    public ValueTask Handle(ReviewCaseDecided notification, CancellationToken cancellationToken) =>
        QueueAsync(notification.CourseId, notification.EventId, WebhookEvents.ReviewDecided, new
        {
            notification.CaseId,
            notification.SessionId,
            notification.LearnerId,
            notification.CourseId,
            Decision = ReviewCaseDecisions.Name(notification.Decision),
        }, cancellationToken);

    // A rejected learner's appeal: the partner learns the rejection is no longer final until the case's next decision.
    public ValueTask Handle(ReviewCaseAppealed notification, CancellationToken cancellationToken) =>
        QueueAsync(notification.CourseId, notification.AppealId, WebhookEvents.ReviewAppealed, new
        {
            notification.CaseId,
            notification.SessionId,
            notification.LearnerId,
            notification.CourseId,
        }, cancellationToken);

    private async ValueTask QueueAsync(Guid courseId, Guid eventId, string type, object data, CancellationToken cancellationToken)
    {
        if (await mediator.Send(new GetCoursePartner(courseId), cancellationToken) is not { } course)
        {
            return;
        }

        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            await WebhookEvents.QueueAsync(connection, null, course.PartnerId, eventId, type, data, time.GetUtcNow(), cancellationToken);
        }

        services.GetRequiredService<WebhookSender>().Signal();
    }
}
