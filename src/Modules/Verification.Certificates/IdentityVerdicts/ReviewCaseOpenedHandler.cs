using Mediator;
using Microsoft.Extensions.Logging;
using Verification.Proctoring.Contracts;

namespace Verification.Certificates.IdentityVerdicts;

/// <summary>A certificate waiting on this learner stays held: the case's session is already recorded as needs_review.</summary>
public sealed class ReviewCaseOpenedHandler(ILogger<ReviewCaseOpenedHandler> logger) : INotificationHandler<ReviewCaseOpened>
{
    public ValueTask Handle(ReviewCaseOpened notification, CancellationToken cancellationToken)
    {
        logger.LogInformation("Review case {CaseId} opened for session {SessionId}; certificates for it are held", notification.CaseId, notification.SessionId);
        return ValueTask.CompletedTask;
    }
}
