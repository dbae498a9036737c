using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mediator;
using Verification.BuildingBlocks.Access;
using Verification.Certificates.Tests.Support;
using Verification.Proctoring.Contracts;
using Verification.Testing;

namespace Verification.Certificates.Tests.Webhooks;

/// <summary>Loopback receivers allowed (test-only switch); retries from 10 s, at most 5 minutes apart, for an hour.</summary>
public sealed class WebhookApp() : CertificatesApp(new Dictionary<string, string>
{
    ["Certificates:PublicPageRequestsPerMinute"] = "10000",
    ["Certificates:Webhooks:TestOnlyAllowLoopbackReceivers"] = "true",
    ["Certificates:Webhooks:FirstRetryDelay"] = "00:00:10",
    ["Certificates:Webhooks:MaxRetryDelay"] = "00:05:00",
    ["Certificates:Webhooks:RetryFor"] = "01:00:00",
    ["Certificates:Webhooks:AttemptTimeout"] = "00:00:10",
    ["Certificates:Webhooks:PollInterval"] = "00:00:00.1",
});

/// <summary>
/// Webhooks to real HTTP receivers on Kestrel. Retries are times in the database, reached by moving the app's fake
/// clock: a receiver that fails three times gets the event exactly once more after recovery, signed; the log shows
/// every attempt and the backoff; a healthy receiver is served while another hangs; a delivery is given up after
/// <c>RetryFor</c>; an admin replays one.
/// </summary>
public sealed class WebhookTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_receiver_that_fails_three_times_gets_the_signed_event_once_after_recovery_and_the_log_shows_every_attempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failures: 3);
        var world = await World.CreateAsync(app);
        var manage = await app.KeyAsync(world.PartnerId, ApiScopes.WebhooksManage);
        var otherWorld = await World.CreateAsync(app, "Another University");
        var otherManage = await app.KeyAsync(otherWorld.PartnerId, ApiScopes.WebhooksManage);
        using var partner = app.WithKey(manage.Key);
        var (webhookId, secret) = await RegisterAsync(partner, receiver.Url, "certificate.issued", "certificate.revoked");

        var learner = await world.LearnerAsync();
        await world.PayAsync(learner);
        await world.VerifiedSessionAsync(learner);
        var started = DateTime.UtcNow;
        await world.PassAsync(learner);
        var passAnswered = DateTime.UtcNow - started;

        // Each failure schedules the next attempt: between half and all of 10 s, 20 s, 40 s after it.
        var waits = new List<TimeSpan>();
        for (var failed = 1; failed <= 3; failed++)
        {
            var delivery = await WebhookDeliveries.WaitForAttemptsAsync(app, partner, webhookId, failed);
            var last = delivery.GetProperty("attempts")[failed - 1].GetProperty("at").GetDateTime();
            waits.Add(delivery.GetProperty("nextAttemptAt").GetDateTime() - last);
            Assert.Equal(JsonValueKind.Null, delivery.GetProperty("deliveredAt").ValueKind);
            WebhookDeliveries.AdvanceTo(app, delivery);
        }

        await receiver.WaitForAsync(4);
        for (var more = 0; more < 5; more++)
        {
            app.Time.Advance(TimeSpan.FromMinutes(10));
            await Task.Delay(200, Cancel);
        }

        var certificate = await CertificateRows.GetAsync(app, learner, world.CourseId);
        var calls = receiver.Calls;
        Assert.Equal([500, 500, 500, 200], calls.Select(c => c.Answered));
        Assert.Single(calls.Select(c => c.Id).Distinct());
        foreach (var call in calls)
        {
            var expected = "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"{call.Timestamp}.{call.Body}")));
            Assert.Equal(expected, call.Signature);
        }

        for (var i = 0; i < waits.Count; i++)
        {
            var full = TimeSpan.FromSeconds(10 << i);
            Assert.InRange(waits[i], full / 2, full);
        }

        using var body = JsonDocument.Parse(calls[^1].Body);
        Assert.Equal("certificate.issued", body.RootElement.GetProperty("type").GetString());
        Assert.Equal(certificate.Id, body.RootElement.GetProperty("data").GetProperty("certificateId").GetGuid());
        Assert.True(passAnswered < TimeSpan.FromSeconds(5), $"the completion waited {passAnswered} for the receiver");

        var logged = await WebhookDeliveries.OfAsync(partner, webhookId);
        Assert.Equal([500, 500, 500, 200], logged.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("statusCode").GetInt32()));
        Assert.NotEqual(JsonValueKind.Null, logged.GetProperty("deliveredAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, logged.GetProperty("nextAttemptAt").ValueKind);
        var foreign = await (await app.WithKey(otherManage.Key).GetAsync("/api/v1/webhooks/deliveries", Cancel)).ReadAsync<JsonElement>();
        Assert.Empty(foreign.EnumerateArray());

        // An admin replays it: the same event id and body, signed anew, as a new delivery with its own attempt.
        using var admin = await app.StaffAsync(StaffRoles.Admin);
        using var replay = await admin.PostAsync($"/api/v1/admin/webhooks/deliveries/{logged.GetProperty("deliveryId").GetGuid()}/replay", null, Cancel);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        await receiver.WaitForAsync(5);
        var replayed = receiver.Calls[4];
        Assert.Equal(calls[0].Id, replayed.Id);
        Assert.Equal(calls[0].Body, replayed.Body);
        Assert.Equal("v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"{replayed.Timestamp}.{replayed.Body}"))), replayed.Signature);
        var afterReplay = await (await partner.GetAsync("/api/v1/webhooks/deliveries", Cancel)).ReadAsync<JsonElement>();
        Assert.Equal(2, afterReplay.GetArrayLength());
    }

    [Fact]
    public async Task A_healthy_receiver_is_served_promptly_while_another_receiver_hangs_and_awaits_its_retry()
    {
        await using var hanging = await WebhookReceiver.StartAsync(failures: int.MaxValue, delay: TimeSpan.FromSeconds(6));
        await using var healthy = await WebhookReceiver.StartAsync(failures: 0);
        var world = await World.CreateAsync(app);
        using var partner = app.WithKey((await app.KeyAsync(world.PartnerId, ApiScopes.WebhooksManage)).Key);
        var (hangingId, _) = await RegisterAsync(partner, hanging.Url, "certificate.issued");
        await RegisterAsync(partner, healthy.Url, "certificate.held");

        // The hanging receiver's delivery is queued first: a sender that waited for it would keep the other waiting.
        await WebhookDeliveries.QueueAsync(app, world.PartnerId, "certificate.issued");
        await hanging.WaitForAsync(1);
        var queued = DateTime.UtcNow;
        await WebhookDeliveries.QueueAsync(app, world.PartnerId, "certificate.held");
        await healthy.WaitForAsync(1);
        var servedAfter = DateTime.UtcNow - queued;
        var stillHanging = DateTime.UtcNow < hanging.Calls[0].ArrivedAt.AddSeconds(6);

        // Its attempt over (500 after 6 s), its retry waits for its time; meanwhile the healthy one gets the next event at once.
        var failed = await WebhookDeliveries.WaitForAttemptsAsync(app, partner, hangingId, 1);
        queued = DateTime.UtcNow;
        await WebhookDeliveries.QueueAsync(app, world.PartnerId, "certificate.held");
        await healthy.WaitForAsync(2);
        var secondServedAfter = DateTime.UtcNow - queued;

        Assert.True(stillHanging, "the healthy receiver was served only after the hanging one answered");
        Assert.True(servedAfter < TimeSpan.FromSeconds(4), $"the healthy receiver waited {servedAfter}");
        Assert.True(secondServedAfter < TimeSpan.FromSeconds(4), $"the healthy receiver waited {secondServedAfter} while a retry was pending");
        Assert.Equal(500, failed.GetProperty("attempts")[0].GetProperty("statusCode").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, failed.GetProperty("nextAttemptAt").ValueKind);
        Assert.Single(hanging.Calls);
        Assert.All(healthy.Calls, c => Assert.Equal(200, c.Answered));
    }

    [Fact]
    public async Task A_receiver_that_never_recovers_is_given_up_after_the_retry_time_and_the_log_shows_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failures: int.MaxValue);
        var world = await World.CreateAsync(app);
        using var partner = app.WithKey((await app.KeyAsync(world.PartnerId, ApiScopes.WebhooksManage)).Key);
        var (webhookId, _) = await RegisterAsync(partner, receiver.Url, "session.verdict");
        await WebhookDeliveries.QueueAsync(app, world.PartnerId, "session.verdict");

        var delivery = await WebhookDeliveries.WaitForAttemptsAsync(app, partner, webhookId, 1);
        for (var attempts = 1; delivery.GetProperty("abandonedAt").ValueKind == JsonValueKind.Null; attempts++)
        {
            Assert.True(attempts < 40, "never given up");
            WebhookDeliveries.AdvanceTo(app, delivery);
            delivery = await WebhookDeliveries.WaitForAttemptsAsync(app, partner, webhookId, attempts + 1);
        }

        app.Time.Advance(TimeSpan.FromDays(1));
        await Task.Delay(500, Cancel);

        var createdAt = delivery.GetProperty("createdAt").GetDateTime();
        var attemptsAt = delivery.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("at").GetDateTime()).ToList();
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("nextAttemptAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("deliveredAt").ValueKind);
        // 5-10 s, 10-20 s, 20-40 s, 40-80 s, 80-160 s, then 150-300 s waits until the hour: 16 to 28 attempts.
        Assert.InRange(attemptsAt.Count, 16, 28);
        Assert.All(attemptsAt, at => Assert.True(at <= createdAt.AddHours(1), $"an attempt at {at:O}, after the hour"));
        Assert.True(attemptsAt[^1] >= createdAt.AddMinutes(50), $"gave up early: last attempt {attemptsAt[^1]:O}");
        Assert.All(delivery.GetProperty("attempts").EnumerateArray(), a => Assert.Equal(500, a.GetProperty("statusCode").GetInt32()));
        Assert.Equal(attemptsAt.Count, receiver.Calls.Count);
    }

    [Fact]
    public async Task A_rejection_its_appeal_and_the_decision_on_the_appeal_are_three_events_each_delivered_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failures: 0);
        var world = await World.CreateAsync(app);
        using var partner = app.WithKey((await app.KeyAsync(world.PartnerId, ApiScopes.WebhooksManage)).Key);
        await RegisterAsync(partner, receiver.Url, "review.decided", "review.appealed");
        var learner = await world.LearnerAsync();
        var (caseId, sessionId, reviewer) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var rejected = new ReviewCaseDecided(caseId, sessionId, learner, world.CourseId, ReviewCaseDecision.Rejected, reviewer, Guid.CreateVersion7());
        var appealed = new ReviewCaseAppealed(Guid.CreateVersion7(), caseId, sessionId, learner, world.CourseId);
        var approved = new ReviewCaseDecided(caseId, sessionId, learner, world.CourseId, ReviewCaseDecision.Approved, Guid.CreateVersion7(), Guid.CreateVersion7());

        // Each arrives twice, as an outbox may deliver after a crash; each is still one event.
        foreach (var notification in new INotification[] { rejected, rejected, appealed, appealed, approved, approved })
        {
            await app.PublishAsync(notification);
        }

        await receiver.WaitForAsync(3);
        await Task.Delay(1000, Cancel);
        var bodies = receiver.Calls.Select(c => JsonDocument.Parse(c.Body).RootElement).ToList();
        Assert.Equal(
            ["review.appealed:", "review.decided:approved", "review.decided:rejected"],
            bodies.Select(b => $"{b.GetProperty("type").GetString()}:{(b.GetProperty("data").TryGetProperty("decision", out var d) ? d.GetString() : "")}").Order(StringComparer.Ordinal));
        Assert.Equal(new[] { rejected.DecisionId, appealed.AppealId, approved.DecisionId }.Order(), bodies.Select(b => b.GetProperty("id").GetGuid()).Order());
        Assert.All(bodies, b => Assert.Equal(caseId, b.GetProperty("data").GetProperty("caseId").GetGuid()));
        Assert.DoesNotContain(bodies, b => b.GetProperty("data").TryGetProperty("reason", out _));
    }

    private static async Task<(Guid Id, byte[] Secret)> RegisterAsync(HttpClient partner, string url, params string[] events)
    {
        using var registered = await partner.PostAsJsonAsync("/api/v1/webhooks", new { url, events }, Cancel);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var body = await registered.ReadAsync<JsonElement>();
        return (body.GetProperty("webhookId").GetGuid(), Convert.FromBase64String(body.GetProperty("secret").GetString()!));
    }
}
