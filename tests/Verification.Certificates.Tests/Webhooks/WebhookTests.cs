using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Verification.BuildingBlocks.Access;
using Verification.Certificates.Tests.Support;
using Verification.Testing;

namespace Verification.Certificates.Tests.Webhooks;

public sealed class WebhookApp() : CertificatesApp(new Dictionary<string, string>
{
    ["Certificates:PublicPageRequestsPerMinute"] = "10000",
    ["Certificates:Webhooks:AllowLoopbackHttp"] = "true",
    ["Certificates:Webhooks:FirstRetryDelay"] = "00:00:00.05",
    ["Certificates:Webhooks:PollInterval"] = "00:00:00.2",
});

/// <summary>
/// Webhooks to a real HTTP receiver on Kestrel that this test starts: it fails three times, then recovers. The event
/// arrives exactly once more after recovery, signed; the delivery log shows every attempt; an admin replays it.
/// </summary>
public sealed class WebhookTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_receiver_that_fails_three_times_gets_the_signed_event_once_after_recovery_and_the_log_shows_every_attempt()
    {
        await using var receiver = await Receiver.StartAsync(failures: 3);
        var world = await World.CreateAsync(app);
        var manage = await app.KeyAsync(world.PartnerId, ApiScopes.WebhooksManage);
        var otherWorld = await World.CreateAsync(app, "Another University");
        var otherManage = await app.KeyAsync(otherWorld.PartnerId, ApiScopes.WebhooksManage);
        using var partner = app.WithKey(manage.Key);
        using var registered = await partner.PostAsJsonAsync("/api/v1/webhooks", new { url = receiver.Url, events = new[] { "certificate.issued", "certificate.revoked" } }, Cancel);
        var registration = await registered.ReadAsync<JsonElement>();
        var secret = Convert.FromBase64String(registration.GetProperty("secret").GetString()!);
        using var refused = await partner.PostAsJsonAsync("/api/v1/webhooks", new { url = "http://example.org/hook", events = new[] { "certificate.issued" } }, Cancel);

        var learner = await world.LearnerAsync();
        await world.PayAsync(learner);
        await world.VerifiedSessionAsync(learner);
        var started = DateTime.UtcNow;
        await world.PassAsync(learner);
        var passAnswered = DateTime.UtcNow - started;
        await receiver.WaitForAsync(4);
        await Task.Delay(TimeSpan.FromSeconds(1), Cancel);

        var certificate = await CertificateRows.GetAsync(app, learner, world.CourseId);
        var calls = receiver.Calls;
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal([500, 500, 500, 200], calls.Select(c => c.Answered));
        Assert.Single(calls, c => c.Answered == 200);
        Assert.Single(calls.Select(c => c.Id).Distinct());
        foreach (var call in calls)
        {
            var expected = "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"{call.Timestamp}.{call.Body}")));
            Assert.Equal(expected, call.Signature);
        }

        using var body = JsonDocument.Parse(calls[^1].Body);
        Assert.Equal("certificate.issued", body.RootElement.GetProperty("type").GetString());
        Assert.Equal(certificate.Id, body.RootElement.GetProperty("data").GetProperty("certificateId").GetGuid());
        Assert.True(passAnswered < TimeSpan.FromSeconds(5), $"the completion waited {passAnswered} for the receiver");

        var log = await (await partner.GetAsync("/api/v1/webhooks/deliveries", Cancel)).ReadAsync<JsonElement>();
        var delivery = Assert.Single(log.EnumerateArray());
        Assert.Equal([500, 500, 500, 200], delivery.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("statusCode").GetInt32()));
        Assert.NotEqual(JsonValueKind.Null, delivery.GetProperty("deliveredAt").ValueKind);
        var foreign = await (await app.WithKey(otherManage.Key).GetAsync("/api/v1/webhooks/deliveries", Cancel)).ReadAsync<JsonElement>();
        Assert.Empty(foreign.EnumerateArray());

        // An admin replays it: the same event id and body, signed anew, as a new delivery with its own attempt.
        using var admin = await app.StaffAsync(StaffRoles.Admin);
        using var replay = await admin.PostAsync($"/api/v1/admin/webhooks/deliveries/{delivery.GetProperty("deliveryId").GetGuid()}/replay", null, Cancel);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        await receiver.WaitForAsync(5);
        Assert.Equal(calls[0].Id, receiver.Calls[4].Id);
        Assert.Equal(calls[0].Body, receiver.Calls[4].Body);
        var afterReplay = await (await partner.GetAsync("/api/v1/webhooks/deliveries", Cancel)).ReadAsync<JsonElement>();
        Assert.Equal(2, afterReplay.GetArrayLength());
    }

    private sealed record Call(string Id, string Timestamp, string Signature, string Body, int Answered);

    /// <summary>An HTTP endpoint on Kestrel that answers 500 to its first <c>failures</c> calls, then 200.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly List<Call> _calls = [];
        private readonly int _failures;

        private Receiver(WebApplication app, int failures, string url)
        {
            _app = app;
            _failures = failures;
            Url = url;
        }

        public string Url { get; }

        public IReadOnlyList<Call> Calls
        {
            get
            {
                lock (_calls)
                {
                    return [.. _calls];
                }
            }
        }

        public static async Task<Receiver> StartAsync(int failures)
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            var app = builder.Build();
            var receiver = new Receiver(app, failures, $"http://127.0.0.1:{port}/hook");
            app.MapPost("/hook", receiver.ReceiveAsync);
            await app.StartAsync(TestContext.Current.CancellationToken);
            return receiver;
        }

        public async Task WaitForAsync(int count)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (Calls.Count < count)
            {
                Assert.True(DateTime.UtcNow < deadline, $"the receiver got {Calls.Count} of {count} calls");
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();

        private async Task<IResult> ReceiveAsync(HttpRequest request)
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            lock (_calls)
            {
                var answered = _calls.Count < _failures ? 500 : 200;
                _calls.Add(new Call(request.Headers["Webhook-Id"].ToString(), request.Headers["Webhook-Timestamp"].ToString(), request.Headers["Webhook-Signature"].ToString(), body, answered));
                return Results.StatusCode(answered);
            }
        }
    }
}
