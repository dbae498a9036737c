using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Verification.Catalog.Contracts;
using Verification.Lti.Tests.Support;
using Verification.Testing;

namespace Verification.Lti.Tests.Cli;

/// <summary>The operator's <c>verification lti register|list|tool-values</c>, run as the built CLI against the Host's database.</summary>
public sealed class LtiCliTests(LtiApp app) : IClassFixture<LtiApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Register_records_the_lms_list_shows_it_and_refusals_name_their_reason_and_record_nothing()
    {
        var partnerId = Guid.CreateVersion7();
        await app.SendAsync(new CreatePartner(partnerId, "CLI University"));
        var issuer = "https://moodle.example.edu/" + Guid.NewGuid().ToString("N")[..8];
        string[] endpoints = ["--authorization-endpoint", "https://moodle.example.edu/mod/lti/auth.php", "--token-endpoint", "https://moodle.example.edu/mod/lti/token.php"];

        var registered = await RunAsync(["lti", "register", "--partner", partnerId.ToString(), "--issuer", issuer, "--client-id", "cli-client", "--deployment", "d-1, d-2",
            .. endpoints, "--jwks-url", "https://moodle.example.edu/mod/lti/certs.php"]);
        var listed = await RunAsync("lti", "list");
        var unknownPartner = await RunAsync(["lti", "register", "--partner", Guid.CreateVersion7().ToString(), "--issuer", issuer + "/other", "--client-id", "cli-client",
            "--deployment", "d-1", .. endpoints, "--jwks-url", "https://moodle.example.edu/mod/lti/certs.php"]);
        var otherPartner = Guid.CreateVersion7();
        await app.SendAsync(new CreatePartner(otherPartner, "No JWKS College"));
        var incomplete = await RunAsync(["lti", "register", "--partner", otherPartner.ToString(), "--issuer", issuer + "/incomplete", "--client-id", "cli-client",
            "--deployment", "d-1", .. endpoints]);

        Assert.Equal(0, registered.ExitCode);
        Assert.Contains("deployments  d-1,d-2", registered.Output, StringComparison.Ordinal);
        Assert.Equal(1, await app.CountAsync("SELECT count(*) FROM lti.platforms WHERE partner_id = @partnerId AND issuer = @issuer", new { partnerId, issuer }));
        Assert.Equal(0, listed.ExitCode);
        Assert.Contains(partnerId.ToString(), listed.Output, StringComparison.Ordinal);
        Assert.Equal(2, unknownPartner.ExitCode);
        Assert.Contains("partner_not_found", unknownPartner.Error, StringComparison.Ordinal);
        Assert.Equal(2, incomplete.ExitCode);
        Assert.Contains("registration_invalid", incomplete.Error, StringComparison.Ordinal);
        Assert.Equal(0, await app.CountAsync("SELECT count(*) FROM lti.platforms WHERE issuer LIKE @prefix", new { prefix = issuer + "/%" }));
    }

    [Fact]
    public async Task Tool_values_print_the_urls_for_the_public_address_and_the_key_the_jwks_publishes()
    {
        using var client = app.CreateClient();
        using var jwks = JsonDocument.Parse(await client.GetStringAsync(new Uri("/lti/jwks.json", UriKind.Relative), Cancel));

        var values = await RunAsync("lti", "tool-values", "--base-url", "https://verify.example.org/");
        var badUrl = await RunAsync("lti", "tool-values", "--base-url", "verify.example.org");

        Assert.Equal(0, values.ExitCode);
        using var printed = JsonDocument.Parse(values.Output);
        var root = printed.RootElement;
        Assert.Equal("https://verify.example.org/lti/login", root.GetProperty("loginInitiationUrl").GetString());
        Assert.Equal("https://verify.example.org/lti/launch", root.GetProperty("launchUrl").GetString());
        Assert.Equal("https://verify.example.org/lti/jwks.json", root.GetProperty("jwksUrl").GetString());
        Assert.Equal(jwks.RootElement.GetProperty("keys").EnumerateArray().Last().GetProperty("kid").GetString(), root.GetProperty("publicJwk").GetProperty("kid").GetString());
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", root.GetProperty("publicKeyPem").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(0, badUrl.ExitCode);
    }

    private Task<ProcessResult> RunAsync(params string[] arguments)
    {
        var configuration = app.Services.GetRequiredService<IConfiguration>();
        return ChildProcess.CliAsync([.. arguments, "--database", app.ConnectionString], new Dictionary<string, string?>
        {
            ["VERIFICATION_DB"] = "",
            ["Encryption__ActiveKeyId"] = configuration["Encryption:ActiveKeyId"],
            ["Encryption__Keys__test1"] = configuration["Encryption:Keys:test1"],
        });
    }
}
