using System.Security.Claims;
using System.Security.Cryptography;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.BuildingBlocks.OpenApi;
using Verification.BuildingBlocks.Access;
using Verification.BuildingBlocks.Encryption;

namespace Verification.Certificates.Webhooks;

/// <summary>A partner registers its endpoints and reads its delivery log (<c>webhooks:manage</c>); an admin replays a delivery.</summary>
internal static class WebhookEndpoints
{
    public sealed record RegisterWebhook(string Url, IReadOnlyList<string> Events);

    public sealed record WebhookRegistered(Guid WebhookId, string Url, IReadOnlyList<string> Events, string Secret);

    public sealed record WebhookAttempt(int Attempt, DateTime At, int? StatusCode, string? Error);

    public sealed record WebhookDelivery(
        Guid DeliveryId, Guid WebhookId, Guid EventId, string EventType, DateTime CreatedAt, DateTime? NextAttemptAt, DateTime? DeliveredAt, DateTime? AbandonedAt)
    {
        public IReadOnlyList<WebhookAttempt> Attempts { get; init; } = [];
    }

    public sealed record Replayed(Guid DeliveryId);

    public static void MapWebhooks(this IEndpointRouteBuilder endpoints)
    {
        var partner = endpoints.MapGroup("/api/v1/webhooks").WithTags("Webhooks").RequireAuthorization(AccessPolicies.PartnerScope(ApiScopes.WebhooksManage));
        partner.MapPost("", RegisterAsync)
            .WithSummary("Register an HTTPS endpoint for certificate.issued, certificate.held, certificate.revoked, session.verdict, review.decided, review.appealed. The signing secret is shown once.")
            .Refuses(StatusCodes.Status400BadRequest, "partner_required", "webhook_url_invalid", "webhook_address_refused", "webhook_events_invalid");
        partner.MapGet("/deliveries", DeliveriesAsync)
            .WithSummary("The partner's webhook deliveries, newest first: when the next attempt is due, or when it was delivered or given up, and every attempt's time and HTTP status or error.");
        partner.MapManageWebhooks();
        endpoints.MapPost("/api/v1/admin/webhooks/deliveries/{deliveryId:guid}/replay", ReplayAsync)
            .RequireAuthorization(AccessPolicies.Admin).WithTags("Webhooks")
            .WithSummary("Send a delivery again (same event id and body, newly signed), as a new delivery with its own attempts.")
            .Refuses(StatusCodes.Status404NotFound, "webhook_delivery_not_found");
    }

    private static async Task<Results<Created<WebhookRegistered>, ProblemHttpResult>> RegisterAsync(
        RegisterWebhook body, ClaimsPrincipal user, NpgsqlDataSource dataSource, EnvelopeEncryption encryption, WebhookAddressGuard guard, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(user.FindFirstValue(AccessClaims.PartnerId), out var partnerId))
        {
            return Invalid("partner_required", "A webhook belongs to a partner: register it with the partner's API key.");
        }

        if (guard.UrlProblem(body.Url) is { } urlProblem)
        {
            return Invalid("webhook_url_invalid", urlProblem);
        }

        var (_, addressProblem) = await guard.ResolveAsync(new Uri(body.Url).IdnHost, cancellationToken);
        if (addressProblem is not null)
        {
            return Invalid("webhook_address_refused", $"The url's host is refused: {addressProblem}. A receiver must resolve only to public addresses.", addressProblem);
        }

        if (body.Events is not { Count: > 0 } events || events.Any(e => !WebhookEvents.All.Contains(e)))
        {
            return Invalid("webhook_events_invalid", "events lists one or more of: " + string.Join(", ", WebhookEvents.All) + ".");
        }

        var id = Guid.CreateVersion7(time.GetUtcNow());
        var secret = RandomNumberGenerator.GetBytes(32);
        var sealedSecret = encryption.Encrypt(secret, id.ToByteArray());
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO certificates.webhook_endpoints (id, partner_id, url, events, secret, secret_key_id, created_at)
            VALUES (@id, @partnerId, @Url, @events, @payload, @keyId, @now)
            """, new { id, partnerId, body.Url, events = events.Distinct().ToArray(), payload = sealedSecret.Payload, keyId = sealedSecret.KeyId, now = time.GetUtcNow() },
            cancellationToken: cancellationToken));
        return TypedResults.Created($"/api/v1/webhooks/{id}", new WebhookRegistered(id, body.Url, events, Convert.ToBase64String(secret)));
    }

    private static async Task<Ok<IReadOnlyList<WebhookDelivery>>> DeliveriesAsync(ClaimsPrincipal user, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var partnerId = Guid.TryParse(user.FindFirstValue(AccessClaims.PartnerId), out var own) ? own : Guid.Empty;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var deliveries = (await connection.QueryAsync<WebhookDelivery>(new CommandDefinition("""
            SELECT d.id AS "DeliveryId", d.endpoint_id AS "WebhookId", d.event_id AS "EventId", d.event_type AS "EventType",
                   d.created_at AS "CreatedAt", CASE WHEN d.delivered_at IS NULL AND d.abandoned_at IS NULL THEN d.next_attempt_at END AS "NextAttemptAt",
                   d.delivered_at AS "DeliveredAt", d.abandoned_at AS "AbandonedAt"
            FROM certificates.webhook_deliveries d JOIN certificates.webhook_endpoints e ON e.id = d.endpoint_id
            WHERE e.partner_id = @partnerId ORDER BY d.created_at DESC LIMIT 200
            """, new { partnerId }, cancellationToken: cancellationToken))).ToList();
        var attempts = (await connection.QueryAsync<(Guid DeliveryId, int Attempt, DateTime At, int? StatusCode, string? Error)>(new CommandDefinition("""
            SELECT delivery_id, attempt, at, status_code, error FROM certificates.webhook_attempts WHERE delivery_id = ANY (@ids) ORDER BY attempt
            """, new { ids = deliveries.Select(d => d.DeliveryId).ToArray() }, cancellationToken: cancellationToken))).ToLookup(a => a.DeliveryId);
        return TypedResults.Ok<IReadOnlyList<WebhookDelivery>>(
            [.. deliveries.Select(d => d with { Attempts = [.. attempts[d.DeliveryId].Select(a => new WebhookAttempt(a.Attempt, a.At, a.StatusCode, a.Error))] })]);
    }

    private static async Task<Results<Ok<Replayed>, ProblemHttpResult>> ReplayAsync(
        Guid deliveryId, NpgsqlDataSource dataSource, WebhookSender sender, TimeProvider time, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7(time.GetUtcNow());
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var copied = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO certificates.webhook_deliveries (id, endpoint_id, event_id, event_type, payload, created_at, next_attempt_at, replay_of)
            SELECT @id, d.endpoint_id, d.event_id, d.event_type, d.payload, @now, @now, d.id
            FROM certificates.webhook_deliveries d JOIN certificates.webhook_endpoints e ON e.id = d.endpoint_id
            WHERE d.id = @deliveryId AND e.disabled_at IS NULL
            """, new { id, deliveryId, now = time.GetUtcNow() }, cancellationToken: cancellationToken));
        if (copied == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such delivery.", detail: "Check the delivery id; a deleted endpoint's deliveries are not replayed.",
                extensions: new Dictionary<string, object?> { ["code"] = "webhook_delivery_not_found" });
        }

        sender.Signal();
        return TypedResults.Ok(new Replayed(id));
    }

    private static ProblemHttpResult Invalid(string code, string detail, string? reason = null) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest, title: "The webhook cannot be registered.", detail: detail,
        extensions: reason is null
            ? new Dictionary<string, object?> { ["code"] = code }
            : new Dictionary<string, object?> { ["code"] = code, ["reason"] = reason });
}
