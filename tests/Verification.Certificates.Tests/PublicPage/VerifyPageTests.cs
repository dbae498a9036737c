using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Verification.BuildingBlocks.Access;
using Verification.Certificates.Tests.Support;
using Verification.Testing;

namespace Verification.Certificates.Tests.PublicPage;

/// <summary><c>/verify/{code}</c>: the public page anyone opens, and what the learner and the partner see of the same certificate.</summary>
public sealed partial class VerifyPageTests(CertificatesApp app) : IClassFixture<CertificatesApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Shows_name_course_partner_date_and_verified_identity_with_open_graph_tags_and_no_script_or_biometrics()
    {
        var world = await World.CreateAsync(app, "Université <de> Test", "Honest & Fair Statistics");
        var email = $"{Guid.NewGuid():N}@example.org";
        var learner = await world.LearnerAsync("Zoë O'Brien", email);
        await IssueAsync(world, learner);
        var row = await CertificateRows.GetAsync(app, learner, world.CourseId);

        using var anonymous = app.CreateClient();
        using var response = await anonymous.GetAsync($"/verify/{Display(row.Code)}", Cancel);
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("Valid", Text(html, "state"));
        Assert.Equal("Zoë O&#x27;Brien", Text(html, "learner"));
        Assert.Equal("Honest &amp; Fair Statistics", Text(html, "course"));
        Assert.Equal("Université &lt;de&gt; Test", Text(html, "partner"));
        Assert.Contains(row.IssuedAt!.Value.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture), Text(html, "detail"), StringComparison.Ordinal);
        Assert.Equal("Yes", Text(html, "identity"));
        Assert.Matches("<meta property=\"og:title\" content=\"Valid certificate: Honest &amp; Fair Statistics\">", html);
        Assert.Matches($"<meta property=\"og:url\" content=\"http://localhost/verify/{Display(row.Code)}\">", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(email, html, StringComparison.OrdinalIgnoreCase);
        foreach (var biometric in new[] { "score", "frame", "flag", "liveness", "embedding" })
        {
            Assert.DoesNotContain(biometric, html, StringComparison.OrdinalIgnoreCase);
        }

        using var css = await anonymous.GetAsync("/certificates/verify.css", Cancel);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
    }

    [Theory]
    [InlineData("王小明", "王小明")]
    [InlineData("ليلى عبد الله", "ليلى عبد الله")]
    [InlineData("अनन्या शर्मा", "अनन्या शर्मा")]
    [InlineData("Zoe\u0308 Nguye\u0302\u0303n", "Zoë Nguyễn")]
    public async Task Shows_a_name_in_any_script_whole_in_nfc_and_in_its_own_direction(string registered, string shown)
    {
        var world = await World.CreateAsync(app, "Universidad Abierta", "Statistics");
        var learner = await world.LearnerAsync(registered, $"{Guid.NewGuid():N}@example.org");
        await IssueAsync(world, learner);
        var row = await CertificateRows.GetAsync(app, learner, world.CourseId);

        using var anonymous = app.CreateClient();
        var html = await anonymous.GetStringAsync($"/verify/{Display(row.Code)}", Cancel);

        Assert.Equal(shown, Text(html, "learner"));
        Assert.Contains($"<h1 dir=\"auto\" id=\"learner\">{shown}</h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_the_code_in_any_case_with_or_without_dashes_and_answers_404_for_unknown_or_malformed_codes()
    {
        var world = await World.CreateAsync(app);
        var learner = await world.LearnerAsync();
        await IssueAsync(world, learner);
        var code = (await CertificateRows.GetAsync(app, learner, world.CourseId)).Code;
        using var anonymous = app.CreateClient();

        foreach (var spelling in new[] { code, code.ToLowerInvariant(), Display(code).ToLowerInvariant() })
        {
            using var found = await anonymous.GetAsync($"/verify/{spelling}", Cancel);
            Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        }

        // Unknown, too short, an ambiguous letter (O), too long, and SQL-looking text.
        var other = code[..11] + (code[11] == '2' ? '3' : '2');
        foreach (var unknown in new[] { other, code[..11], code[..11] + "O", code + "2", "'%20OR%201=1--" })
        {
            using var missing = await anonymous.GetAsync($"/verify/{unknown}", Cancel);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Equal("Unknown", Text(await missing.Content.ReadAsStringAsync(Cancel), "state"));
        }
    }

    [Fact]
    public async Task Shows_held_then_revoked_with_the_date_in_the_first_request_after_the_reviewers_decision()
    {
        var world = await World.CreateAsync(app);
        var learner = await world.LearnerAsync();
        await world.PayAsync(learner);
        var caseId = await world.FlaggedSessionAsync(learner);
        await world.PassAsync(learner);
        var code = (await CertificateRows.GetAsync(app, learner, world.CourseId)).Code;
        using var anonymous = app.CreateClient();
        var held = await anonymous.GetStringAsync($"/verify/{code}", Cancel);

        await world.DecideAsync(caseId, "rejected");
        var revoked = await anonymous.GetStringAsync($"/verify/{code}", Cancel);
        var row = await CertificateRows.GetAsync(app, learner, world.CourseId);

        Assert.Equal("Held", Text(held, "state"));
        Assert.Equal("No", Text(held, "identity"));
        Assert.Equal("Revoked", Text(revoked, "state"));
        Assert.Contains("Revoked on " + row.RevokedAt!.Value.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture), Text(revoked, "detail"), StringComparison.Ordinal);
        // The reason stays in the audit, not on a public page.
        Assert.DoesNotContain("identity_rejected", revoked, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_learner_hides_and_shows_their_name_with_their_own_token_and_another_learner_cannot()
    {
        var world = await World.CreateAsync(app);
        var learner = await world.LearnerAsync("Katherine Johnson");
        var other = await world.LearnerAsync("Dorothy Vaughan");
        await IssueAsync(world, learner);
        var row = await CertificateRows.GetAsync(app, learner, world.CourseId);
        using var own = await app.LearnerAsync(world.MintKey, learner, world.CourseId);
        using var stranger = await app.LearnerAsync(world.MintKey, other, world.CourseId);
        using var anonymous = app.CreateClient();

        var listed = await (await own.GetAsync($"/api/v1/learners/{learner}/certificates", Cancel)).ReadAsync<JsonElement>();
        using var foreign = await stranger.PutAsJsonAsync($"/api/v1/learners/{learner}/certificates/{row.Id}/name-visibility", new { hidden = true }, Cancel);
        using var strangersOwnRoute = await stranger.PutAsJsonAsync($"/api/v1/learners/{other}/certificates/{row.Id}/name-visibility", new { hidden = true }, Cancel);
        using var hide = await own.PutAsJsonAsync($"/api/v1/learners/{learner}/certificates/{row.Id}/name-visibility", new { hidden = true }, Cancel);
        var hidden = await anonymous.GetStringAsync($"/verify/{row.Code}", Cancel);
        using var show = await own.PutAsJsonAsync($"/api/v1/learners/{learner}/certificates/{row.Id}/name-visibility", new { hidden = false }, Cancel);
        var shown = await anonymous.GetStringAsync($"/verify/{row.Code}", Cancel);

        var certificate = Assert.Single(listed.EnumerateArray());
        Assert.Equal("issued", certificate.GetProperty("status").GetString());
        Assert.Equal($"/verify/{Display(row.Code)}", certificate.GetProperty("verifyPath").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, strangersOwnRoute.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, hide.StatusCode);
        Assert.DoesNotContain("Katherine", hidden, StringComparison.Ordinal);
        Assert.Equal("A learner (name hidden by the learner)", Text(hidden, "learner"));
        Assert.Equal(HttpStatusCode.NoContent, show.StatusCode);
        Assert.Equal("Katherine Johnson", Text(shown, "learner"));
    }

    [Fact]
    public async Task A_partner_key_with_certificates_read_looks_up_its_own_certificate_and_no_other_partners()
    {
        var world = await World.CreateAsync(app);
        var otherWorld = await World.CreateAsync(app, "Other University");
        var learner = await world.LearnerAsync();
        await IssueAsync(world, learner);
        var code = (await CertificateRows.GetAsync(app, learner, world.CourseId)).Code;
        var reader = await app.KeyAsync(world.PartnerId, ApiScopes.CertificatesRead);
        var noScope = await app.KeyAsync(world.PartnerId, ApiScopes.IdentityRead);
        var foreign = await app.KeyAsync(otherWorld.PartnerId, [.. ApiScopes.All]);
        var revoked = await app.KeyAsync(world.PartnerId, ApiScopes.CertificatesRead);
        await app.SendAsync(m => m.Send(new Verification.Access.Contracts.RevokeApiKey(revoked.KeyId, "test"), Cancel));

        using var own = await app.WithKey(reader.Key).GetAsync($"/api/v1/certificates/{code.ToLowerInvariant()}", Cancel);
        using var other = await app.WithKey(foreign.Key).GetAsync($"/api/v1/certificates/{code}", Cancel);
        using var missing = await app.WithKey(noScope.Key).GetAsync($"/api/v1/certificates/{code}", Cancel);
        using var gone = await app.WithKey(revoked.Key).GetAsync($"/api/v1/certificates/{code}", Cancel);

        var body = await own.ReadAsync<JsonElement>();
        Assert.Equal(learner, body.GetProperty("learnerId").GetGuid());
        Assert.Equal("issued", body.GetProperty("certificate").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal("certificate_not_found", (await other.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
        Assert.Equal("scope_missing", (await missing.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, gone.StatusCode);
    }

    private static async Task IssueAsync(World world, Guid learner)
    {
        await world.PayAsync(learner);
        await world.VerifiedSessionAsync(learner);
        await world.PassAsync(learner);
    }

    private static string Display(string code) => $"{code[..4]}-{code[4..8]}-{code[8..]}";

    private static string Text(string html, string id)
    {
        var match = Regex.Match(html, $"id=\"{id}\">(.*?)</", RegexOptions.Singleline);
        Assert.True(match.Success, $"no element #{id}");
        return match.Groups[1].Value;
    }
}
