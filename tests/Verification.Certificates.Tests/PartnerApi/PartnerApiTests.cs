using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Verification.BuildingBlocks.Access;
using Verification.Certificates.Tests.Support;
using Verification.Testing;

namespace Verification.Certificates.Tests.PartnerApi;

/// <summary>The verification API for platforms: identity status and session verdicts for a course, with a partner's key.</summary>
public sealed class PartnerApiTests(CertificatesApp app) : IClassFixture<CertificatesApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_key_with_identity_read_sees_its_learners_verdicts_and_flags_and_other_keys_see_nothing()
    {
        var world = await World.CreateAsync(app);
        var other = await World.CreateAsync(app, "Other University");
        var learner = await world.LearnerAsync();
        await world.VerifiedSessionAsync(learner);
        await world.FlaggedSessionAsync(learner);
        var reader = await app.KeyAsync(world.PartnerId, ApiScopes.IdentityRead);
        var noScope = await app.KeyAsync(world.PartnerId, ApiScopes.CertificatesRead);
        var foreign = await app.KeyAsync(other.PartnerId, [.. ApiScopes.All]);
        var revoked = await app.KeyAsync(world.PartnerId, ApiScopes.IdentityRead);
        await app.SendAsync(m => m.Send(new Verification.Access.Contracts.RevokeApiKey(revoked.KeyId, "test"), Cancel));
        var path = $"/api/v1/identity/learners/{learner}/courses/{world.CourseId}/sessions";

        var body = await (await app.WithKey(reader.Key).GetAsync(path, Cancel)).ReadAsync<JsonElement>();
        using var otherPartner = await app.WithKey(foreign.Key).GetAsync(path, Cancel);
        using var missingScope = await app.WithKey(noScope.Key).GetAsync(path, Cancel);
        using var revokedKey = await app.WithKey(revoked.Key).GetAsync(path, Cancel);

        Assert.Equal("PendingReview", body.GetProperty("identity").GetProperty("status").GetString());
        var sessions = body.GetProperty("sessions").EnumerateArray().ToList();
        Assert.Equal(["Verified", "NeedsReview"], sessions.Select(s => s.GetProperty("verdict").GetString()));
        Assert.Equal("open", sessions[1].GetProperty("reviewStatus").GetString());
        Assert.True(sessions.All(s => s.TryGetProperty("startedAt", out _) && s.TryGetProperty("flags", out _)));
        foreach (var biometric in new[] { "score", "frame", "embedding", "template", "image" })
        {
            Assert.DoesNotContain(biometric, body.GetRawText(), StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(HttpStatusCode.Forbidden, otherPartner.StatusCode);
        Assert.Equal("partner_mismatch", (await otherPartner.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, missingScope.StatusCode);
        Assert.Equal("scope_missing", (await missingScope.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, revokedKey.StatusCode);
        Assert.Equal("api_key_invalid", (await revokedKey.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
    }
}
