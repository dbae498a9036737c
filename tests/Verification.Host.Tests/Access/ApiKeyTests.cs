using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Verification.BuildingBlocks.Access;
using Verification.Host.Tests.Access.Support;

namespace Verification.Host.Tests.Access;

public sealed class ApiKeyTests(AccessApp app) : IClassFixture<AccessApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_creates_a_key_shown_once_stored_as_a_hash_and_listed_by_prefix_only()
    {
        var partner = await app.CreatePartnerAsync();
        var (admin, _) = await app.StaffAsync(StaffRoles.Admin);

        using var created = await admin.PostAsJsonAsync($"/api/v1/partners/{partner.PartnerId}/api-keys", new { scopes = new[] { "tokens:mint", "identity:read" }, name = "LMS backend" }, Cancel);
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Cancel));
        var key = body.RootElement.GetProperty("key").GetString()!;
        var keyId = body.RootElement.GetProperty("keyId").GetGuid();
        var prefix = body.RootElement.GetProperty("prefix").GetString()!;
        var list = await admin.GetStringAsync(new Uri($"/api/v1/api-keys?partnerId={partner.PartnerId}", UriKind.Relative), Cancel);
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        var stored = await connection.QuerySingleAsync<byte[]>("SELECT key_hash FROM access.api_keys WHERE id = @keyId", new { keyId });
        var rowText = await connection.ExecuteScalarAsync<string>("SELECT row_to_json(k)::text FROM access.api_keys k WHERE id = @keyId", new { keyId });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith($"vk_{prefix}_", key, StringComparison.Ordinal);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(key)), stored);
        Assert.DoesNotContain(key, rowText!, StringComparison.Ordinal);
        Assert.Contains(prefix, list, StringComparison.Ordinal);
        Assert.DoesNotContain(key, list, StringComparison.Ordinal);
        Assert.Contains("\"scopes\":[\"identity:read\",\"tokens:mint\"]", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_is_refused_once_revoked_and_every_use_is_audited_by_key_id()
    {
        var partner = await app.CreatePartnerAsync();
        var key = await app.CreateKeyAsync(partner.PartnerId, ApiScopes.IdentityRead);
        var (admin, _) = await app.StaffAsync(StaffRoles.Admin);
        using var client = app.Client();

        using var before = await StatusAsync(client, partner, key.Key);
        using var revoke = await admin.DeleteAsync(new Uri($"/api/v1/api-keys/{key.KeyId}", UriKind.Relative), Cancel);
        using var after = await StatusAsync(client, partner, key.Key);
        using var unknown = await admin.DeleteAsync(new Uri($"/api/v1/api-keys/{Guid.CreateVersion7()}", UriKind.Relative), Cancel);
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        var actions = (await connection.QueryAsync<string>("SELECT action FROM audit.entries WHERE actor = @actor ORDER BY sequence", new { actor = $"api_key:{key.KeyId}" })).ToList();
        var lastUsed = await connection.ExecuteScalarAsync<DateTime?>("SELECT last_used_at FROM access.api_keys WHERE id = @KeyId", new { key.KeyId });

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("api_key_invalid", await AccessApp.CodeOfAsync(after));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(["api_key.used", "api_key.refused_revoked"], actions);
        Assert.Equal(app.Time.GetUtcNow().UtcDateTime, lastUsed);
    }

    [Fact]
    public async Task A_key_sees_only_its_own_partners_learners_and_courses()
    {
        var mine = await app.CreatePartnerAsync();
        var theirs = await app.CreatePartnerAsync();
        var key = await app.CreateKeyAsync(mine.PartnerId, ApiScopes.IdentityRead, ApiScopes.TokensMint);
        using var client = app.Client();

        using var own = await StatusAsync(client, mine, key.Key);
        using var otherLearner = await StatusAsync(client, mine with { LearnerId = theirs.LearnerId }, key.Key);
        using var otherCourse = await StatusAsync(client, mine with { CourseId = theirs.CourseId }, key.Key);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tokens") { Content = JsonContent.Create(new { theirs.LearnerId, theirs.CourseId, purpose = "enrollment" }) };
        request.Headers.Add("X-Api-Key", key.Key);
        using var mint = await client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("partner_mismatch", await AccessApp.CodeOfAsync(otherLearner));
        Assert.Equal("partner_mismatch", await AccessApp.CodeOfAsync(otherCourse));
        Assert.Equal(HttpStatusCode.Forbidden, mint.StatusCode);
        Assert.Equal("partner_mismatch", await AccessApp.CodeOfAsync(mint));
    }

    [Fact]
    public async Task A_key_without_the_scope_is_refused_with_scope_missing()
    {
        var partner = await app.CreatePartnerAsync();
        var key = await app.CreateKeyAsync(partner.PartnerId, ApiScopes.CertificatesRead);
        using var client = app.Client();

        using var response = await StatusAsync(client, partner, key.Key);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("scope_missing", await AccessApp.CodeOfAsync(response));
    }

    [Fact]
    public async Task Creating_a_key_needs_an_admin_known_scopes_and_a_known_partner()
    {
        var partner = await app.CreatePartnerAsync();
        var (admin, _) = await app.StaffAsync(StaffRoles.Admin);
        var (reviewer, _) = await app.StaffAsync(StaffRoles.Reviewer);
        using var anonymous = app.Client();

        using var byReviewer = await reviewer.PostAsJsonAsync($"/api/v1/partners/{partner.PartnerId}/api-keys", new { scopes = new[] { "tokens:mint" } }, Cancel);
        using var byNobody = await anonymous.PostAsJsonAsync($"/api/v1/partners/{partner.PartnerId}/api-keys", new { scopes = new[] { "tokens:mint" } }, Cancel);
        using var unknownScope = await admin.PostAsJsonAsync($"/api/v1/partners/{partner.PartnerId}/api-keys", new { scopes = new[] { "everything" } }, Cancel);
        using var noScopes = await admin.PostAsJsonAsync($"/api/v1/partners/{partner.PartnerId}/api-keys", new { scopes = Array.Empty<string>() }, Cancel);
        using var unknownPartner = await admin.PostAsJsonAsync($"/api/v1/partners/{Guid.CreateVersion7()}/api-keys", new { scopes = new[] { "tokens:mint" } }, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, byReviewer.StatusCode);
        Assert.Equal("role_missing", await AccessApp.CodeOfAsync(byReviewer));
        Assert.Equal(HttpStatusCode.Unauthorized, byNobody.StatusCode);
        Assert.Equal("sign_in_required", await AccessApp.CodeOfAsync(byNobody));
        Assert.Equal(HttpStatusCode.BadRequest, unknownScope.StatusCode);
        Assert.Equal("scopes_invalid", await AccessApp.CodeOfAsync(noScopes));
        Assert.Equal("partner_not_found", await AccessApp.CodeOfAsync(unknownPartner));
    }

    private static Task<HttpResponseMessage> StatusAsync(HttpClient client, TestPartner partner, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/identity/status?learnerId={partner.LearnerId}&courseId={partner.CourseId}");
        request.Headers.Add("X-Api-Key", key);
        return client.SendAsync(request, Cancel);
    }
}

/// <summary>A fixture whose keys may make five requests a minute.</summary>
public sealed class RateLimitedKeysApp() : AccessApp(new Dictionary<string, string?> { ["Access:ApiKeys:RequestsPerMinute"] = "5" });

public sealed class ApiKeyRateLimitTests(RateLimitedKeysApp app) : IClassFixture<RateLimitedKeysApp>
{
    [Fact]
    public async Task Each_key_has_its_own_budget_and_past_it_gets_429_with_retry_after()
    {
        var partner = await app.CreatePartnerAsync();
        var busy = await app.CreateKeyAsync(partner.PartnerId, ApiScopes.IdentityRead);
        var quiet = await app.CreateKeyAsync(partner.PartnerId, ApiScopes.IdentityRead);
        using var client = app.Client();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 6; i++)
        {
            last?.Dispose();
            last = await SendAsync(client, partner, busy.Key);
            statuses.Add(last.StatusCode);
        }

        using var other = await SendAsync(client, partner, quiet.Key);

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal("rate_limited", await AccessApp.CodeOfAsync(last!));
        Assert.True(last!.Headers.RetryAfter is not null);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        last.Dispose();
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, TestPartner partner, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/identity/status?learnerId={partner.LearnerId}&courseId={partner.CourseId}");
        request.Headers.Add("X-Api-Key", key);
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
