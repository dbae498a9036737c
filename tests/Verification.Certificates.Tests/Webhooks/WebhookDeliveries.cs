using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Verification.Certificates.Tests.Support;
using Verification.Certificates.Webhooks;
using Verification.Testing;

namespace Verification.Certificates.Tests.Webhooks;

/// <summary>The partner's delivery log as <c>GET /api/v1/webhooks/deliveries</c> answers it, and ways to queue and schedule.</summary>
public static class WebhookDeliveries
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<JsonElement> OfAsync(HttpClient partner, Guid webhookId)
    {
        var log = await (await partner.GetAsync("/api/v1/webhooks/deliveries", Cancel)).ReadAsync<JsonElement>();
        return Assert.Single(log.EnumerateArray(), d => d.GetProperty("webhookId").GetGuid() == webhookId);
    }

    public static int AttemptCount(JsonElement delivery) => delivery.GetProperty("attempts").GetArrayLength();

    /// <summary>
    /// Waits until the endpoint's delivery has <paramref name="attempts"/> recorded attempts (read from the table: the
    /// partner API's rate limit would refuse such polling); returns it as the partner API shows it.
    /// </summary>
    public static async Task<JsonElement> WaitForAttemptsAsync(CertificatesApp app, HttpClient partner, Guid webhookId, int attempts)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await using (var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel))
            {
                var (recorded, pending) = await connection.QuerySingleAsync<(int, bool)>("""
                    SELECT (SELECT count(*)::int FROM certificates.webhook_attempts a WHERE a.delivery_id = d.id),
                           d.delivered_at IS NULL AND d.abandoned_at IS NULL AND d.next_attempt_at <= @now
                    FROM certificates.webhook_deliveries d WHERE d.endpoint_id = @webhookId
                    """, new { webhookId, now = app.Time.GetUtcNow() });
                // Not while an attempt's lease is held: its row is rescheduled only once the attempt is recorded.
                if (recorded >= attempts && !pending)
                {
                    return await OfAsync(partner, webhookId);
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"the delivery has fewer than {attempts} attempts");
            await Task.Delay(50, Cancel);
        }
    }

    /// <summary>Moves the app's clock to the delivery's next attempt (the dispatcher polls by the real clock).</summary>
    public static void AdvanceTo(CertificatesApp app, JsonElement delivery)
    {
        var next = new DateTimeOffset(delivery.GetProperty("nextAttemptAt").GetDateTime().ToUniversalTime(), TimeSpan.Zero);
        if (next > app.Time.GetUtcNow())
        {
            app.Time.SetUtcNow(next);
        }

        app.Services.GetRequiredService<WebhookSender>().Signal();
    }

    /// <summary>Queues an event for the partner's subscribed endpoints as the module does, without the work that causes one.</summary>
    internal static async Task<Guid> QueueAsync(CertificatesApp app, Guid partnerId, string type)
    {
        var eventId = Guid.CreateVersion7();
        await using (var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel))
        {
            await WebhookEvents.QueueAsync(connection, null, partnerId, eventId, type, new { test = true }, app.Time.GetUtcNow(), Cancel);
        }

        app.Services.GetRequiredService<WebhookSender>().Signal();
        return eventId;
    }

    public static async Task<IReadOnlyList<string?>> AttemptErrorsAsync(CertificatesApp app, Guid webhookId)
    {
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        return [.. await connection.QueryAsync<string?>("""
            SELECT a.error FROM certificates.webhook_attempts a JOIN certificates.webhook_deliveries d ON d.id = a.delivery_id
            WHERE d.endpoint_id = @webhookId ORDER BY a.at, a.attempt
            """, new { webhookId })];
    }
}
