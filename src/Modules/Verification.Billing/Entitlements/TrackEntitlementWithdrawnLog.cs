using Mediator;
using Microsoft.Extensions.Logging;
using Verification.Billing.Contracts;

namespace Verification.Billing.Entitlements;

/// <summary>
/// Billing's own consumer of the withdrawal it publishes: one log event when the outbox delivers it, so operators see
/// each withdrawal leave. Enrollment and Certificates add their consumers beside it.
/// </summary>
public sealed class TrackEntitlementWithdrawnLog(ILogger<TrackEntitlementWithdrawnLog> logger) : INotificationHandler<TrackEntitlementWithdrawn>
{
    public ValueTask Handle(TrackEntitlementWithdrawn notification, CancellationToken cancellationToken)
    {
        logger.LogInformation("Entitlement to track {TrackId} withdrawn from learner {LearnerId}: {Reason}", notification.CertificateTrackId, notification.LearnerId, notification.Reason);
        return ValueTask.CompletedTask;
    }
}
