using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Verification.BuildingBlocks.Access;
using Verification.Certificates.Tests.Support;
using Verification.Testing;

namespace Verification.Certificates.Tests.Samples;

/// <summary>The Host on Kestrel, delivering webhooks to loopback http (retries wait for the fake clock).</summary>
public sealed class SampleClientApp() : KestrelCertificatesApp(new Dictionary<string, string>
{
    ["Certificates:Webhooks:TestOnlyAllowLoopbackReceivers"] = "true",
    ["Certificates:Webhooks:PollInterval"] = "00:00:00.2",
});

/// <summary>
/// samples/CertificateServiceClient run as a course platform runs it (<c>dotnet CertificateServiceClient.dll</c>)
/// against the Host on a real port with a really issued certificate: each check passes on the genuine thing, and
/// exits non-zero on a tampered credential, an unknown code or a webhook signed with another secret.
/// </summary>
public sealed class CertificateServiceClientTests(SampleClientApp app) : IClassFixture<SampleClientApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_sample_looks_up_the_certificate_and_identity_and_verifies_the_credential_and_refuses_a_tampered_one()
    {
        var world = await World.CreateAsync(app, "Sample University", "Sampled Statistics");
        var learner = await IssuedLearnerAsync(world);
        var certificate = await CertificateRows.GetAsync(app, learner, world.CourseId);
        var read = await app.KeyAsync(world.PartnerId, ApiScopes.CertificatesRead, ApiScopes.IdentityRead);
        using var own = await app.LearnerAsync(world.MintKey, learner, world.CourseId);
        var file = await CredentialFiles.DownloadAsync(own, learner, certificate.Id);
        var tampered = Path.Combine(Directory.CreateTempSubdirectory("sample-").FullName, "tampered.json");
        await File.WriteAllBytesAsync(tampered, CredentialFiles.WithPayload(file, p => p["name"] = "Verified certificate: Something Else"), Cancel);

        var lookup = await Processes.SampleClientAsync("lookup", "--base-url", app.BaseUrl, "--key", read.Key, "--code", certificate.Code.ToLowerInvariant(), "--learner", learner.ToString(), "--course", world.CourseId.ToString());
        var unknown = await Processes.SampleClientAsync("lookup", "--base-url", app.BaseUrl, "--key", read.Key, "--code", "2222-2222-2222");
        var genuine = await Processes.SampleClientAsync("verify-credential", "--base-url", app.BaseUrl, "--key", world.MintKey, "--learner", learner.ToString(), "--course", world.CourseId.ToString(), "--code", certificate.Code);
        var forged = await Processes.SampleClientAsync("verify-credential", "--base-url", app.BaseUrl, "--file", tampered);
        var usage = await Processes.SampleClientAsync("lookup", "--base-url");
        File.Delete(tampered);

        Assert.True(lookup.ExitCode == 0, lookup.Output);
        Assert.Contains("  status: Issued", lookup.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("course: Sampled Statistics", lookup.Output, StringComparison.Ordinal);
        Assert.Contains("identity status: Verified", lookup.Output, StringComparison.Ordinal);
        Assert.EndsWith("OK", lookup.Output.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("404 certificate_not_found", unknown.Output, StringComparison.Ordinal);
        Assert.True(genuine.ExitCode == 0, genuine.Output);
        Assert.Contains("signature: ES256 signature verified with key", genuine.Output, StringComparison.Ordinal);
        Assert.Contains("type: VerifiableCredential, OpenBadgeCredential", genuine.Output, StringComparison.Ordinal);
        Assert.Contains($"{app.BaseUrl}/verify/{CertificateRows.Display(certificate.Code)}", genuine.Output, StringComparison.Ordinal);
        Assert.Equal(1, forged.ExitCode);
        Assert.Contains("signature: INVALID (the ES256 signature does not verify", forged.Output, StringComparison.Ordinal);
        Assert.Equal(2, usage.ExitCode);
    }

    [Fact]
    public async Task The_sample_receives_the_signed_certificate_issued_webhook_and_refuses_one_checked_with_another_secret()
    {
        // The Host signs with its (fake) clock's time; the receiver refuses one more than five minutes from the real one.
        app.Time.SetUtcNow(DateTimeOffset.UtcNow);
        var world = await World.CreateAsync(app, "Hooked University");
        var manage = await app.KeyAsync(world.PartnerId, ApiScopes.WebhooksManage);
        var (rightPort, wrongPort) = (KestrelCertificatesApp.FreePort(), KestrelCertificatesApp.FreePort());
        var secret = await RegisterAsync(manage.Key, rightPort);
        await RegisterAsync(manage.Key, wrongPort);
        var anotherSecret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

        var right = Processes.SampleClientAsync("receive-webhook", "--port", rightPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--secret", secret, "--timeout-seconds", "90");
        var wrong = Processes.SampleClientAsync("receive-webhook", "--port", wrongPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--secret", anotherSecret, "--timeout-seconds", "90");
        await ListeningAsync(rightPort);
        await ListeningAsync(wrongPort);
        var learner = await IssuedLearnerAsync(world);
        var certificate = await CertificateRows.GetAsync(app, learner, world.CourseId);
        var (received, refused) = (await right, await wrong);

        Assert.True(received.ExitCode == 0, received.Output);
        Assert.Contains("signature: valid", received.Output, StringComparison.Ordinal);
        Assert.Contains("event: certificate.issued", received.Output, StringComparison.Ordinal);
        Assert.Contains($"  code: {CertificateRows.Display(certificate.Code)}", received.Output, StringComparison.Ordinal);
        Assert.Contains($"  learnerId: {learner}", received.Output, StringComparison.Ordinal);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("signature: INVALID (Webhook-Signature does not match the secret)", refused.Output, StringComparison.Ordinal);
    }

    private async Task<Guid> IssuedLearnerAsync(World world)
    {
        var learner = await world.LearnerAsync("Sam Sample");
        await world.PayAsync(learner);
        await world.VerifiedSessionAsync(learner);
        await world.PassAsync(learner);
        return learner;
    }

    private async Task<string> RegisterAsync(string key, int port)
    {
        using var partner = app.WithKey(key);
        using var registered = await partner.PostAsJsonAsync("/api/v1/webhooks", new { url = $"http://127.0.0.1:{port}/hook/", events = new[] { "certificate.issued" } }, Cancel);
        return (await registered.ReadAsync<JsonElement>()).GetProperty("secret").GetString()!;
    }

    // The child process has started its listener once the port accepts a connection.
    private static async Task ListeningAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port, Cancel);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, Cancel);
            }
        }
    }
}
