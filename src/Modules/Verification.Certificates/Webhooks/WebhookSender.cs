using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Polly;
using Polly.Retry;
using Verification.BuildingBlocks.Encryption;

namespace Verification.Certificates.Webhooks;

/// <summary>
/// Sends due webhook deliveries: each is signed and POSTed, retried with exponential backoff and jitter (Polly), and
/// every attempt is recorded with its status or error. A delivery is taken with <c>FOR UPDATE SKIP LOCKED</c>, so
/// several nodes never send the same one at once; one still undelivered after a crash is sent again (at least once,
/// with the same <c>Webhook-Id</c> for receivers to de-duplicate).
/// </summary>
internal sealed class WebhookSender(
    NpgsqlDataSource dataSource, IHttpClientFactory clients, EnvelopeEncryption encryption, WebhookSettings settings, TimeProvider time, ILogger<WebhookSender> logger)
    : BackgroundService
{
    public const string ClientName = "webhooks";
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);

    private sealed record Due(Guid Id, Guid EventId, string Payload, string Url, byte[] Secret, string SecretKeyId, Guid EndpointId);

    // NO KEY UPDATE: the attempts, written on their own connections while this row is held, reference it (KEY SHARE).
    private const string Take = """
        SELECT d.id AS "Id", d.event_id AS "EventId", d.payload AS "Payload", e.url AS "Url", e.secret AS "Secret",
               e.secret_key_id AS "SecretKeyId", e.id AS "EndpointId"
        FROM certificates.webhook_deliveries d JOIN certificates.webhook_endpoints e ON e.id = d.endpoint_id
        WHERE d.delivered_at IS NULL AND d.abandoned_at IS NULL AND d.next_attempt_at <= @now
        ORDER BY d.created_at LIMIT 1
        FOR NO KEY UPDATE OF d SKIP LOCKED
        """;

    /// <summary>Wakes the sender after a commit that queued deliveries.</summary>
    public void Signal() => _signal.Release();

    /// <summary>Sends every due delivery; returns how many were taken.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var taken = 0;
        while (await SendOneAsync(cancellationToken))
        {
            taken++;
        }

        return taken;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken);
                await _signal.WaitAsync(settings.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                logger.LogWarning("Webhook sending paused: the database is unreachable ({Reason})", ex.Message);
                await Task.Delay(settings.PollInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task<bool> SendOneAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var due = await connection.QuerySingleOrDefaultAsync<Due>(new CommandDefinition(Take, new { now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
        if (due is null)
        {
            return false;
        }

        var secret = encryption.Decrypt(new EncryptedBlob(due.SecretKeyId, due.Secret), due.EndpointId.ToByteArray());
        var attempt = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*)::int FROM certificates.webhook_attempts WHERE delivery_id = @Id", new { due.Id }, transaction, cancellationToken: cancellationToken));
        var delivered = false;
        try
        {
            using var response = await Pipeline().ExecuteAsync(async token =>
            {
                attempt++;
                try
                {
                    var answer = await PostAsync(due, secret, token);
                    await RecordAttemptAsync(due.Id, attempt, (int)answer.StatusCode, null, token);
                    return answer;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !token.IsCancellationRequested)
                {
                    await RecordAttemptAsync(due.Id, attempt, null, ex is TaskCanceledException ? "timeout" : ex.GetType().Name, token);
                    throw;
                }
            }, cancellationToken);
            delivered = response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            delivered = false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            delivered
                ? "UPDATE certificates.webhook_deliveries SET delivered_at = @now WHERE id = @Id"
                : "UPDATE certificates.webhook_deliveries SET abandoned_at = @now WHERE id = @Id",
            new { due.Id, now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Webhook delivery {DeliveryId} {Outcome} after {Attempts} attempt(s)", due.Id, delivered ? "delivered" : "abandoned", attempt);
        return true;
    }

    private ResiliencePipeline<HttpResponseMessage> Pipeline() => new ResiliencePipelineBuilder<HttpResponseMessage>()
        .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            ShouldHandle = new PredicateBuilder<HttpResponseMessage>().Handle<HttpRequestException>().Handle<TaskCanceledException>().HandleResult(r => !r.IsSuccessStatusCode),
            MaxRetryAttempts = settings.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = settings.FirstRetryDelay,
            OnRetry = args =>
            {
                args.Outcome.Result?.Dispose();
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    private async Task<HttpResponseMessage> PostAsync(Due due, byte[] secret, CancellationToken cancellationToken)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, due.Url) { Content = new StringContent(due.Payload, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.IdHeader, due.EventId.ToString());
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, timestamp, due.Payload));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.AttemptTimeout);
        return await clients.CreateClient(ClientName).SendAsync(request, timeout.Token);
    }

    // On its own connection: the attempt stays in the log whatever happens to the delivery's transaction.
    private async Task RecordAttemptAsync(Guid deliveryId, int attempt, int? status, string? error, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO certificates.webhook_attempts (delivery_id, attempt, at, status_code, error) VALUES (@deliveryId, @attempt, @now, @status, @error)
            """, new { deliveryId, attempt, now = time.GetUtcNow(), status, error }, cancellationToken: cancellationToken));
    }
}
