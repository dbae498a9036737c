using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Verification.BuildingBlocks.Access;
using Verification.BuildingBlocks.Encryption;
using Verification.Certificates.Tests.Support;
using Verification.Testing;

namespace Verification.Certificates.Tests.Webhooks;

/// <summary>The Host as shipped: the test-only loopback switch off.</summary>
public sealed class GuardedWebhookApp() : CertificatesApp(new Dictionary<string, string>
{
    ["Certificates:PublicPageRequestsPerMinute"] = "10000",
    ["Certificates:Webhooks:PollInterval"] = "00:00:00.1",
});

/// <summary>
/// A partner's endpoints: listed and deleted by their partner only; a receiver url that is not https or whose host is
/// (or resolves to) a loopback, private, link-local, multicast or metadata address is refused at registration, and a
/// registered name that resolves to one at delivery time reaches nothing.
/// </summary>
public sealed class WebhookEndpointGuardTests(GuardedWebhookApp app) : IClassFixture<GuardedWebhookApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("http://93.184.215.14/hook", "webhook_url_invalid", "https")]
    [InlineData("http://127.0.0.1:5000/hook", "webhook_url_invalid", "https")]
    [InlineData("https://user:secret@93.184.215.14/hook", "webhook_url_invalid", "credentials")]
    [InlineData("ftp://93.184.215.14/hook", "webhook_url_invalid", "https")]
    [InlineData("not a url", "webhook_url_invalid", "https")]
    [InlineData("https://127.0.0.1/hook", "webhook_address_refused", "loopback")]
    [InlineData("https://127.8.9.10/hook", "webhook_address_refused", "loopback")]
    [InlineData("https://localhost/hook", "webhook_address_refused", "loopback")]
    [InlineData("https://[::1]/hook", "webhook_address_refused", "loopback")]
    [InlineData("https://[::ffff:127.0.0.1]/hook", "webhook_address_refused", "loopback")]
    [InlineData("https://2130706433/hook", "webhook_address_refused", "loopback")]
    [InlineData("https://0.0.0.0/hook", "webhook_address_refused", "unspecified")]
    [InlineData("https://10.1.2.3/hook", "webhook_address_refused", "private")]
    [InlineData("https://172.20.0.1/hook", "webhook_address_refused", "private")]
    [InlineData("https://192.168.0.10/hook", "webhook_address_refused", "private")]
    [InlineData("https://100.64.0.1/hook", "webhook_address_refused", "private")]
    [InlineData("https://[fd12:3456::1]/hook", "webhook_address_refused", "private")]
    [InlineData("https://[64:ff9b::10.0.0.1]/hook", "webhook_address_refused", "private")]
    [InlineData("https://169.254.10.10/hook", "webhook_address_refused", "link_local")]
    [InlineData("https://[fe80::1]/hook", "webhook_address_refused", "link_local")]
    [InlineData("https://224.0.0.251/hook", "webhook_address_refused", "multicast")]
    [InlineData("https://[ff02::1]/hook", "webhook_address_refused", "multicast")]
    [InlineData("https://169.254.169.254/latest/meta-data/", "webhook_address_refused", "metadata")]
    [InlineData("https://[fd00:ec2::254]/latest/meta-data/", "webhook_address_refused", "metadata")]
    [InlineData("https://metadata.google.internal/computeMetadata/v1/", "webhook_address_refused", "metadata")]
    [InlineData("https://100.100.100.200/latest/meta-data/", "webhook_address_refused", "metadata")]
    [InlineData("https://no-such-host.invalid/hook", "webhook_address_refused", "unresolvable")]
    public async Task Refuses_a_receiver_url_that_is_not_https_or_not_a_public_address(string url, string code, string reason)
    {
        var world = await World.CreateAsync(app);
        using var partner = app.WithKey((await app.KeyAsync(world.PartnerId, ApiScopes.WebhooksManage)).Key);

        using var response = await partner.PostAsJsonAsync("/api/v1/webhooks", new { url, events = new[] { "certificate.issued" } }, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        if (code == "webhook_address_refused")
        {
            Assert.Equal(reason, problem.GetProperty("reason").GetString());
        }
        else
        {
            Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var listed = await (await partner.GetAsync("/api/v1/webhooks", Cancel)).ReadAsync<JsonElement>();
        Assert.Empty(listed.EnumerateArray());
    }

    [Fact]
    public async Task A_partner_lists_its_endpoints_without_secrets_and_deletes_one_and_another_partner_can_do_neither()
    {
        var world = await World.CreateAsync(app);
        var other = await World.CreateAsync(app, "Another University");
        using var partner = app.WithKey((await app.KeyAsync(world.PartnerId, ApiScopes.WebhooksManage)).Key);
        using var stranger = app.WithKey((await app.KeyAsync(other.PartnerId, ApiScopes.WebhooksManage)).Key);
        using var unscoped = app.WithKey((await app.KeyAsync(world.PartnerId, ApiScopes.CertificatesRead)).Key);
        using var first = await partner.PostAsJsonAsync("/api/v1/webhooks", new { url = "https://93.184.215.14/first", events = new[] { "certificate.issued" } }, Cancel);
        app.Time.Advance(TimeSpan.FromSeconds(1));
        using var second = await partner.PostAsJsonAsync("/api/v1/webhooks", new { url = "https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/second", events = new[] { "review.decided" } }, Cancel);
        var firstId = (await first.ReadAsync<JsonElement>()).GetProperty("webhookId").GetGuid();
        var secondId = (await second.ReadAsync<JsonElement>()).GetProperty("webhookId").GetGuid();

        using var listResponse = await partner.GetAsync("/api/v1/webhooks", Cancel);
        var listedRaw = await listResponse.Content.ReadAsStringAsync(Cancel);
        var strangersList = await (await stranger.GetAsync("/api/v1/webhooks", Cancel)).ReadAsync<JsonElement>();
        using var strangerDelete = await stranger.DeleteAsync($"/api/v1/webhooks/{firstId}", Cancel);
        using var unscopedList = await unscoped.GetAsync("/api/v1/webhooks", Cancel);
        using var deleted = await partner.DeleteAsync($"/api/v1/webhooks/{firstId}", Cancel);
        using var deletedAgain = await partner.DeleteAsync($"/api/v1/webhooks/{firstId}", Cancel);
        using var unknown = await partner.DeleteAsync($"/api/v1/webhooks/{Guid.CreateVersion7()}", Cancel);
        var after = await (await partner.GetAsync("/api/v1/webhooks", Cancel)).ReadAsync<JsonElement>();
        await WebhookDeliveries.QueueAsync(app, world.PartnerId, "certificate.issued");
        var log = await (await partner.GetAsync("/api/v1/webhooks/deliveries", Cancel)).ReadAsync<JsonElement>();

        using var listed = JsonDocument.Parse(listedRaw);
        Assert.Equal([firstId, secondId], listed.RootElement.EnumerateArray().Select(e => e.GetProperty("webhookId").GetGuid()));
        Assert.Equal("https://93.184.215.14/first", listed.RootElement[0].GetProperty("url").GetString());
        Assert.Equal(["certificate.issued"], listed.RootElement[0].GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain("secret", listedRaw, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(strangersList.EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, strangerDelete.StatusCode);
        Assert.Equal("webhook_not_found", (await strangerDelete.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, unscopedList.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deletedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal([secondId], after.EnumerateArray().Select(e => e.GetProperty("webhookId").GetGuid()));
        Assert.Empty(log.EnumerateArray());
    }

    [Fact]
    public async Task A_registered_name_that_resolves_to_loopback_at_delivery_time_reaches_nothing_and_the_attempt_says_why()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var world = await World.CreateAsync(app);
        using var partner = app.WithKey((await app.KeyAsync(world.PartnerId, ApiScopes.WebhooksManage)).Key);

        // As if localhost had resolved to a public address at registration and DNS had changed since.
        var webhookId = Guid.CreateVersion7();
        var secret = app.Services.GetRequiredService<EnvelopeEncryption>().Encrypt(RandomNumberGenerator.GetBytes(32), webhookId.ToByteArray());
        await using (var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel))
        {
            await connection.ExecuteAsync("""
                INSERT INTO certificates.webhook_endpoints (id, partner_id, url, events, secret, secret_key_id, created_at)
                VALUES (@webhookId, @PartnerId, @url, ARRAY['certificate.issued'], @Payload, @KeyId, now())
                """, new { webhookId, world.PartnerId, url = $"https://localhost:{port}/hook", secret.Payload, secret.KeyId });
        }

        await WebhookDeliveries.QueueAsync(app, world.PartnerId, "certificate.issued");
        var delivery = await WebhookDeliveries.WaitForAttemptsAsync(app, partner, webhookId, 1);

        Assert.Equal(["address_refused:loopback"], await WebhookDeliveries.AttemptErrorsAsync(app, webhookId));
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("attempts")[0].GetProperty("statusCode").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, delivery.GetProperty("nextAttemptAt").ValueKind);
        Assert.False(listener.Pending(), "the webhook client connected to the loopback listener");
    }
}
