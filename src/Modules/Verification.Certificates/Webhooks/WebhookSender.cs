using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Verification.BuildingBlocks.Encryption;

namespace Verification.Certificates.Webhooks;

/// <summary>
/// The webhook dispatcher. It takes due deliveries (<c>next_attempt_at</c> passed) with <c>FOR UPDATE SKIP LOCKED</c>,
/// leases each by moving its <c>next_attempt_at</c> past the attempt's timeout, and runs up to
/// <c>MaxConcurrentAttempts</c> attempts at once without waiting for any of them before taking more: a receiver that is
/// slow or failing holds one slot for at most one attempt, and its retry is a time in the database, not a wait here.
/// Each attempt is recorded and either delivers, reschedules (<see cref="WebhookSchedule"/>) or gives up. A delivery
/// whose sender crashed is taken again when its lease ends (at least once, the same <c>Webhook-Id</c> each time).
/// </summary>
internal sealed class WebhookSender(
    NpgsqlDataSource dataSource, IHttpClientFactory clients, EnvelopeEncryption encryption, WebhookSettings settings, WebhookAddressGuard guard,
    TimeProvider time, ILogger<WebhookSender> logger)
    : BackgroundService
{
    public const string ClientName = "webhooks";
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);
    private readonly SemaphoreSlim _slots = new(settings.MaxConcurrentAttempts, settings.MaxConcurrentAttempts);

    private sealed record Due(Guid Id, Guid EventId, string Payload, string Url, byte[] Secret, string SecretKeyId, Guid EndpointId, DateTime CreatedAt, int Attempts);

    private const string Take = """
        WITH due AS (
            SELECT d.id FROM certificates.webhook_deliveries d JOIN certificates.webhook_endpoints e ON e.id = d.endpoint_id
            WHERE d.delivered_at IS NULL AND d.abandoned_at IS NULL AND d.next_attempt_at <= @now AND e.disabled_at IS NULL
            ORDER BY d.next_attempt_at LIMIT @limit
            FOR NO KEY UPDATE OF d SKIP LOCKED)
        UPDATE certificates.webhook_deliveries d SET next_attempt_at = @leaseUntil
        FROM due, certificates.webhook_endpoints e
        WHERE d.id = due.id AND e.id = d.endpoint_id
        RETURNING d.id AS "Id", d.event_id AS "EventId", d.payload AS "Payload", e.url AS "Url", e.secret AS "Secret",
                  e.secret_key_id AS "SecretKeyId", e.id AS "EndpointId", d.created_at AS "CreatedAt",
                  (SELECT count(*)::int FROM certificates.webhook_attempts a WHERE a.delivery_id = d.id) AS "Attempts"
        """;

    /// <summary>Wakes the dispatcher after a commit that queued deliveries.</summary>
    public void Signal() => _signal.Release();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                foreach (var failed in running.Where(t => t.IsFaulted))
                {
                    // A bug, not a receiver's failure: the delivery's lease runs out and it is taken again.
                    logger.LogError(failed.Exception, "A webhook attempt failed unexpectedly");
                }

                running.RemoveAll(t => t.IsCompleted);
                var taken = await TakeAsync(stoppingToken);
                foreach (var due in taken)
                {
                    running.Add(Task.Run(() => AttemptAsync(due, stoppingToken), CancellationToken.None));
                }

                // More may be due at once; otherwise sleep until signalled (a queued event or a freed slot) or polled.
                if (taken.Count == 0 || _slots.CurrentCount == 0)
                {
                    await _signal.WaitAsync(settings.PollInterval, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(running);
    }

    private async Task<IReadOnlyList<Due>> TakeAsync(CancellationToken cancellationToken)
    {
        var free = _slots.CurrentCount;
        if (free == 0)
        {
            return [];
        }

        try
        {
            var now = time.GetUtcNow();
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var taken = (await connection.QueryAsync<Due>(new CommandDefinition(Take, new { now, limit = free, leaseUntil = now + settings.Lease },
                cancellationToken: cancellationToken))).ToList();
            foreach (var _ in taken)
            {
                await _slots.WaitAsync(cancellationToken);
            }

            return taken;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            logger.LogWarning("Webhook dispatch paused: the database is unreachable ({Reason})", ex.Message);
            return [];
        }
    }

    private async Task AttemptAsync(Due due, CancellationToken cancellationToken)
    {
        try
        {
            var attempt = due.Attempts + 1;
            var (status, error) = await PostAsync(due, cancellationToken);
            var now = time.GetUtcNow();
            var next = status is >= 200 and < 300 ? null : WebhookSchedule.NextAttempt(settings, new DateTimeOffset(due.CreatedAt, TimeSpan.Zero), attempt, now);
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("""
                WITH attempt AS (
                    INSERT INTO certificates.webhook_attempts (delivery_id, attempt, at, status_code, error) VALUES (@Id, @attempt, @now, @status, @error))
                UPDATE certificates.webhook_deliveries SET
                    delivered_at = CASE WHEN @delivered THEN @now END,
                    abandoned_at = CASE WHEN NOT @delivered AND @next::timestamptz IS NULL THEN @now END,
                    next_attempt_at = coalesce(@next::timestamptz, next_attempt_at)
                WHERE id = @Id
                """, new { due.Id, attempt, now, status, error, delivered = status is >= 200 and < 300, next },
                cancellationToken: cancellationToken));
            logger.LogInformation("Webhook delivery {DeliveryId} attempt {Attempt}: {Status} {Error}, next {NextAttemptAt}", due.Id, attempt, status, error, next);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            // The lease ends and the delivery is taken again: at least once.
            logger.LogWarning("Webhook delivery {DeliveryId} attempt not recorded ({Reason})", due.Id, ex.Message);
        }
        finally
        {
            _slots.Release();
            _signal.Release();
        }
    }

    private async Task<(int? Status, string? Error)> PostAsync(Due due, CancellationToken cancellationToken)
    {
        if (guard.UrlProblem(due.Url) is not null)
        {
            return (null, "url_refused");
        }

        var secret = encryption.Decrypt(new EncryptedBlob(due.SecretKeyId, due.Secret), due.EndpointId.ToByteArray());
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, due.Url) { Content = new StringContent(due.Payload, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.IdHeader, due.EventId.ToString());
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, timestamp, due.Payload));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.AttemptTimeout);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return ((int)response.StatusCode, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, "timeout");
        }
        catch (HttpRequestException ex)
        {
            return (null, WebhookConnections.RefusedKind(ex) is { } kind ? "address_refused:" + kind : "connection_failed");
        }
    }
}
