using System.Text.Json;
using Dapper;
using Npgsql;

namespace Verification.Certificates.Webhooks;

/// <summary>
/// The events a partner may subscribe to, and how one is queued: a delivery row per subscribed endpoint of the partner,
/// written in the transaction that caused the event (the deliveries table is the webhooks' outbox), sent later by
/// <see cref="WebhookSender"/>, so a slow or failing receiver never blocks the work.
/// </summary>
internal static class WebhookEvents
{
    public const string CertificateIssued = "certificate.issued";
    public const string CertificateHeld = "certificate.held";
    public const string CertificateRevoked = "certificate.revoked";
    public const string SessionVerdict = "session.verdict";
    public const string ReviewDecided = "review.decided";
    public const string ReviewAppealed = "review.appealed";

    public static readonly IReadOnlyList<string> All = [CertificateIssued, CertificateHeld, CertificateRevoked, SessionVerdict, ReviewDecided, ReviewAppealed];

    private const string Queue = """
        INSERT INTO certificates.webhook_deliveries (id, endpoint_id, event_id, event_type, payload, created_at, next_attempt_at)
        SELECT gen_random_uuid(), e.id, @eventId, @type, @payload, @now, @now
        FROM certificates.webhook_endpoints e
        WHERE e.partner_id = @partnerId AND e.disabled_at IS NULL AND @type = ANY (e.events)
        ON CONFLICT (endpoint_id, event_id) WHERE replay_of IS NULL DO NOTHING
        """;

    /// <summary>
    /// Queues the event for the partner's subscribed endpoints. <paramref name="eventId"/> is the id of what happened (a
    /// session, a case, a certificate's change), so a notification delivered twice queues one delivery.
    /// </summary>
    public static async Task QueueAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid partnerId, Guid eventId, string type, object data, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.Serialize(new { id = eventId, type, occurredAt = now, data }, JsonSerializerOptions.Web);
        await connection.ExecuteAsync(new CommandDefinition(Queue, new { eventId, type, payload, partnerId, now }, transaction, cancellationToken: cancellationToken));
    }
}
