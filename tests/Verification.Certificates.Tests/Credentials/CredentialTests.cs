using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using Verification.BuildingBlocks.Access;
using Verification.Certificates.Tests.Support;
using Verification.Testing;

namespace Verification.Certificates.Tests.Credentials;

/// <summary>
/// The Open Badges 3.0 credential the learner downloads: valid against 1EdTech's JSON schema (vendored under
/// Credentials/Schema with its source), verifiable with an independent JWT implementation (jose on node) against the
/// published JWKS, and in agreement with the public page.
/// </summary>
public sealed partial class CredentialTests(KestrelCertificatesApp app) : IClassFixture<KestrelCertificatesApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_credential_validates_against_the_open_badges_3_schema_and_agrees_with_the_public_page()
    {
        var (world, learner, certificate, file) = await IssuedAsync("Grace Brewster Hopper", "grace.hopper@example.org");
        var payload = CredentialFiles.PayloadOf(CredentialFiles.JwtOf(file));
        using var anonymous = app.CreateClient();
        var page = await anonymous.GetStringAsync(new Uri(payload["description"]!.GetValue<string>().Split(' ')[^1]), Cancel);
        var schema = JsonSchema.FromFile(Path.Combine(RepositoryPaths.Root, "tests", "Verification.Certificates.Tests", "Credentials", "Schema", "ob_v3p0_achievementcredential_schema.json"));

        using var instance = JsonDocument.Parse(payload.ToJsonString());
        var result = schema.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        var identity = payload["credentialSubject"]!["identifier"]![0]!;
        var expectedHash = "sha256$" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("grace.hopper@example.org" + identity["salt"]!.GetValue<string>())));

        Assert.True(result.IsValid, JsonSerializer.Serialize(result.Details?.Where(d => !d.IsValid).Select(d => $"{d.InstanceLocation}: {(d.Errors is null ? "" : string.Join("; ", d.Errors.Values))}")));
        Assert.Equal(["VerifiableCredential", "OpenBadgeCredential"], payload["type"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("IdentityObject", identity["type"]!.GetValue<string>());
        Assert.Equal(expectedHash, identity["identityHash"]!.GetValue<string>());
        Assert.DoesNotContain("grace", payload.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal($"{app.BaseUrl}/issuers/{world.PartnerId}", payload["issuer"]!["id"]!.GetValue<string>());
        Assert.Equal("BitstringStatusListEntry", payload["credentialStatus"]!["type"]!.GetValue<string>());
        Assert.Equal($"{app.BaseUrl}/credentials/status/1", payload["credentialStatus"]!["statusListCredential"]!.GetValue<string>());
        // The page and the credential say the same thing.
        Assert.Equal(Text(page, "course"), payload["credentialSubject"]!["achievement"]!["name"]!.GetValue<string>());
        Assert.Equal(Text(page, "partner"), payload["issuer"]!["name"]!.GetValue<string>());
        Assert.Equal("Valid", Text(page, "state"));
        Assert.Contains(DateTimeOffset.Parse(payload["validFrom"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).UtcDateTime.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture), Text(page, "detail"), StringComparison.Ordinal);
        Assert.Contains(certificate.Code[..4], Text(page, "code"), StringComparison.Ordinal);
        _ = learner;
    }

    [Fact]
    public async Task Jose_verifies_the_credential_and_the_status_list_against_the_published_jwks_and_refuses_a_changed_one()
    {
        var (_, _, _, file) = await IssuedAsync();
        using var anonymous = app.CreateClient();
        var jwks = await CredentialFiles.JwksAsync(anonymous);
        var jwt = CredentialFiles.JwtOf(file);
        var statusList = await anonymous.GetStringAsync("/credentials/status/1", Cancel);

        var credential = await Processes.JoseAsync(jwt, jwks);
        var list = await Processes.JoseAsync(statusList, jwks);
        var forged = await Processes.JoseAsync(CredentialFiles.JwtOf(CredentialFiles.WithPayload(file, p => p["name"] = "Verified certificate: Something Else")), jwks);

        Assert.True(credential.ExitCode == 0, credential.Output);
        using var verified = JsonDocument.Parse(credential.Output);
        Assert.Equal("ES256", verified.RootElement.GetProperty("header").GetProperty("alg").GetString());
        Assert.Equal(CredentialFiles.PayloadOf(jwt)["id"]!.GetValue<string>(), verified.RootElement.GetProperty("payload").GetProperty("id").GetString());
        Assert.True(list.ExitCode == 0, list.Output);
        Assert.Contains("BitstringStatusListCredential", list.Output, StringComparison.Ordinal);
        Assert.Equal(1, forged.ExitCode);
        Assert.Contains("ERR_JWS_SIGNATURE_VERIFICATION_FAILED", forged.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chinese_course_and_an_arabic_partner_travel_unchanged_in_the_credential_which_jose_still_verifies()
    {
        const string course = "统计学入门 101";
        const string partner = "جامعة القاهرة";
        var world = await World.CreateAsync(app, partner, course);
        var (_, _, _, file) = await IssuedAsync("王小明", world: world);
        using var anonymous = app.CreateClient();
        var jwt = CredentialFiles.JwtOf(file);
        var payload = CredentialFiles.PayloadOf(jwt);

        var verified = await Processes.JoseAsync(jwt, await CredentialFiles.JwksAsync(anonymous));

        Assert.True(verified.ExitCode == 0, verified.Output);
        using var checkedPayload = JsonDocument.Parse(verified.Output);
        var subject = checkedPayload.RootElement.GetProperty("payload");
        Assert.Equal(course, subject.GetProperty("credentialSubject").GetProperty("achievement").GetProperty("name").GetString());
        Assert.Equal(partner, subject.GetProperty("issuer").GetProperty("name").GetString());
        Assert.Equal("Verified certificate: " + course, payload["name"]!.GetValue<string>());
        // The learner's name never enters the credential (the subject is a salted hash of their email).
        Assert.DoesNotContain("王小明", payload.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_certificate_accepts_the_genuine_file_and_names_the_reason_for_each_changed_one()
    {
        var (_, _, _, file) = await IssuedAsync();
        using var anonymous = app.CreateClient();
        var folder = Directory.CreateTempSubdirectory("credential-");
        try
        {
            var keys = Path.Combine(folder.FullName, "jwks.json");
            await File.WriteAllTextAsync(keys, await CredentialFiles.JwksAsync(anonymous), Cancel);
            // One byte outside the JWT: the envelope's context version.
            var envelopeChanged = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(file).Replace("credentials/v2", "credentials/v3", StringComparison.Ordinal));
            Assert.Equal(file.Length, envelopeChanged.Length);
            var cases = new Dictionary<string, byte[]>
            {
                ["genuine"] = file,
                ["changed name"] = CredentialFiles.WithPayload(file, p => p["name"] = "Verified certificate: Quantum Physics"),
                ["changed date"] = CredentialFiles.WithPayload(file, p => p["validFrom"] = "2020-01-01T00:00:00Z"),
                ["changed status entry"] = CredentialFiles.WithPayload(file, p => p["credentialStatus"]!["statusListIndex"] = "99999"),
                ["changed signature"] = CredentialFiles.WithSignatureChanged(file),
                ["changed envelope"] = envelopeChanged,
            };
            var results = new Dictionary<string, (int ExitCode, string Output)>();
            foreach (var (name, bytes) in cases)
            {
                var path = Path.Combine(folder.FullName, name.Replace(' ', '-') + ".json");
                await File.WriteAllBytesAsync(path, bytes, Cancel);
                results[name] = await Processes.CliAsync("verify-certificate", path, "--keys", keys);
            }

            Assert.True(results["genuine"].ExitCode == 0, results["genuine"].Output);
            Assert.Contains("credential genuine", results["genuine"].Output, StringComparison.Ordinal);
            Assert.Contains("status: not revoked", results["genuine"].Output, StringComparison.Ordinal);
            foreach (var name in new[] { "changed name", "changed date", "changed status entry", "changed signature" })
            {
                Assert.True(results[name].ExitCode == 1, $"{name}: {results[name].Output}");
                Assert.Contains("credential INVALID: the signature does not match", results[name].Output, StringComparison.Ordinal);
            }

            Assert.Equal(1, results["changed envelope"].ExitCode);
            Assert.Contains("envelope", results["changed envelope"].Output, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(true);
        }
    }

    [Fact]
    public async Task A_credential_signed_before_a_key_rotation_still_verifies_after_it_and_a_revoked_one_reports_revoked()
    {
        var (world, before, beforeCertificate, beforeFile) = await IssuedAsync();
        using var admin = await app.StaffAsync(StaffRoles.Admin);
        using var rotated = await admin.PostAsync("/api/v1/admin/certificates/signing-keys/rotate", null, Cancel);
        var newKid = (await rotated.ReadAsync<JsonElement>()).GetProperty("keyId").GetString();
        var (_, _, _, afterFile) = await IssuedAsync(world: world);
        // A later review of the first learner rejects a session: the certificate is revoked, its credential's bit set.
        var caseId = await world.FlaggedSessionAsync(before);
        await world.DecideAsync(caseId, "rejected");
        using var anonymous = app.CreateClient();
        var folder = Directory.CreateTempSubdirectory("rotation-");
        try
        {
            var keys = Path.Combine(folder.FullName, "jwks.json");
            await File.WriteAllTextAsync(keys, await CredentialFiles.JwksAsync(anonymous), Cancel);
            var beforePath = Path.Combine(folder.FullName, "before.json");
            var afterPath = Path.Combine(folder.FullName, "after.json");
            await File.WriteAllBytesAsync(beforePath, beforeFile, Cancel);
            await File.WriteAllBytesAsync(afterPath, afterFile, Cancel);

            var beforeOffline = await Processes.CliAsync("verify-certificate", beforePath, "--keys", keys, "--offline");
            var beforeOnline = await Processes.CliAsync("verify-certificate", beforePath);
            var afterOnline = await Processes.CliAsync("verify-certificate", afterPath, "--keys", keys);

            Assert.NotEqual(CredentialFiles.HeaderOf(CredentialFiles.JwtOf(beforeFile))["kid"]!.GetValue<string>(), newKid);
            Assert.Equal(newKid, CredentialFiles.HeaderOf(CredentialFiles.JwtOf(afterFile))["kid"]!.GetValue<string>());
            Assert.True(beforeOffline.ExitCode == 0, beforeOffline.Output);
            Assert.Contains("status: not checked (offline)", beforeOffline.Output, StringComparison.Ordinal);
            Assert.Equal(1, beforeOnline.ExitCode);
            Assert.Contains("credential genuine", beforeOnline.Output, StringComparison.Ordinal);
            Assert.Contains("status: REVOKED", beforeOnline.Output, StringComparison.Ordinal);
            Assert.True(afterOnline.ExitCode == 0, afterOnline.Output);
            Assert.Contains("status: not revoked", afterOnline.Output, StringComparison.Ordinal);
            Assert.Equal("revoked", (await CertificateRows.GetAsync(app, before, world.CourseId)).Status);
            _ = beforeCertificate;
        }
        finally
        {
            folder.Delete(true);
        }
    }

    [Fact]
    public async Task No_credential_is_downloadable_while_the_certificate_is_held_and_another_learner_cannot_download_it()
    {
        var world = await World.CreateAsync(app);
        var held = await world.LearnerAsync();
        var other = await world.LearnerAsync("Mary Jackson");
        await world.PayAsync(held);
        await world.FlaggedSessionAsync(held);
        await world.PassAsync(held);
        var row = await CertificateRows.GetAsync(app, held, world.CourseId);
        using var own = await app.LearnerAsync(world.MintKey, held, world.CourseId);
        using var stranger = await app.LearnerAsync(world.MintKey, other, world.CourseId);

        using var whileHeld = await own.GetAsync($"/api/v1/learners/{held}/certificates/{row.Id}/credential", Cancel);
        using var strangers = await stranger.GetAsync($"/api/v1/learners/{other}/certificates/{row.Id}/credential", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, whileHeld.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, strangers.StatusCode);
    }

    [Fact]
    public async Task The_learner_downloads_a_png_qr_code_of_the_public_page_and_another_learner_cannot()
    {
        var (world, learner, certificate, _) = await IssuedAsync();
        var other = await world.LearnerAsync("Annie Easley");
        using var own = await app.LearnerAsync(world.MintKey, learner, world.CourseId);
        using var stranger = await app.LearnerAsync(world.MintKey, other, world.CourseId);

        using var png = await own.GetAsync($"/api/v1/learners/{learner}/certificates/{certificate.Id}/qr.png", Cancel);
        using var strangers = await stranger.GetAsync($"/api/v1/learners/{other}/certificates/{certificate.Id}/qr.png", Cancel);
        var bytes = await png.Content.ReadAsByteArrayAsync(Cancel);
        var code = $"{certificate.Code[..4]}-{certificate.Code[4..8]}-{certificate.Code[8..]}";

        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        // The same QR code as one made independently for the public page's address: the code points there and nowhere else.
        using var generator = new QRCoder.QRCodeGenerator();
        using var expected = generator.CreateQrCode($"{app.BaseUrl}/verify/{code}", QRCoder.QRCodeGenerator.ECCLevel.M);
        Assert.Equal(new QRCoder.PngByteQRCode(expected).GetGraphic(8), bytes);
        using var page = await app.CreateClient().GetAsync($"/verify/{code}", Cancel);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, strangers.StatusCode);
    }

    private async Task<(World World, Guid Learner, CertificateRow Certificate, byte[] File)> IssuedAsync(string name = "Ada Lovelace", string? email = null, World? world = null)
    {
        world ??= await World.CreateAsync(app);
        var learner = await world.LearnerAsync(name, email);
        await world.PayAsync(learner);
        await world.VerifiedSessionAsync(learner);
        await world.PassAsync(learner);
        var certificate = await CertificateRows.GetAsync(app, learner, world.CourseId);
        using var own = await app.LearnerAsync(world.MintKey, learner, world.CourseId);
        return (world, learner, certificate, await CredentialFiles.DownloadAsync(own, learner, certificate.Id));
    }

    private static string Text(string html, string id)
    {
        var match = Regex.Match(html, $"id=\"{id}\">(.*?)</", RegexOptions.Singleline);
        Assert.True(match.Success, $"no element #{id}");
        return System.Net.WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}
