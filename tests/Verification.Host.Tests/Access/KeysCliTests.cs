using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Verification.BuildingBlocks.Access;
using Verification.Host.Tests.Access.Support;
using Verification.Testing;

namespace Verification.Host.Tests.Access;

/// <summary>The operator's <c>verification keys</c> and <c>staff</c> commands, run as the built CLI against the Host's database.</summary>
public sealed partial class KeysCliTests(AccessApp app) : IClassFixture<AccessApp>
{
    [Fact]
    public async Task Keys_create_prints_a_working_key_once_list_shows_its_prefix_and_revoke_ends_it()
    {
        var partner = await app.CreatePartnerAsync();

        var created = await RunAsync("keys", "create", "--partner", partner.PartnerId.ToString(), "--scopes", "identity:read", "--name", "cli test");
        var key = KeyLine().Match(created.Output).Groups[1].Value;
        var keyId = KeyIdLine().Match(created.Output).Groups[1].Value;
        using var before = await StatusAsync(partner, key);
        var listed = await RunAsync("keys", "list", "--partner", partner.PartnerId.ToString());
        var revoked = await RunAsync("keys", "revoke", keyId);
        using var after = await StatusAsync(partner, key);
        var badScope = await RunAsync("keys", "create", "--partner", partner.PartnerId.ToString(), "--scopes", "everything");
        var unknownPartner = await RunAsync("keys", "create", "--partner", Guid.CreateVersion7().ToString(), "--scopes", "identity:read");

        Assert.Equal(0, created.ExitCode);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Contains(key[3..11], listed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(key, listed.Output, StringComparison.Ordinal);
        Assert.Equal(0, revoked.ExitCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(2, badScope.ExitCode);
        Assert.Contains("scopes_invalid", badScope.Error, StringComparison.Ordinal);
        Assert.Contains("partner_not_found", unknownPartner.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_password_issues_a_new_one_time_password_only_on_request()
    {
        var (_, account) = await app.StaffAsync(StaffRoles.Reviewer);

        var issued = await RunAsync("staff", "password", "--email", account.Email);
        var password = Regex.Match(issued.Output, "one-time password  (\\S+)").Groups[1].Value;
        using var client = app.Client();
        using var oldPassword = await client.PostAsJsonAsync("/api/v1/staff/sign-in", new { email = account.Email, password = AccessApp.StaffPassword }, TestContext.Current.CancellationToken);
        using var oneTime = await client.PostAsJsonAsync("/api/v1/staff/sign-in", new { email = account.Email, password, newPassword = "another long passphrase" }, TestContext.Current.CancellationToken);
        var unknown = await RunAsync("staff", "password", "--email", "nobody@example.org");

        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
        Assert.Equal(HttpStatusCode.OK, oneTime.StatusCode);
        Assert.Equal(2, unknown.ExitCode);
    }

    private async Task<HttpResponseMessage> StatusAsync(TestPartner partner, string key)
    {
        using var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/identity/status?learnerId={partner.LearnerId}&courseId={partner.CourseId}");
        request.Headers.Add("X-Api-Key", key);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private Task<ProcessResult> RunAsync(params string[] arguments) =>
        ChildProcess.CliAsync([.. arguments, "--database", app.Database.ConnectionString], new Dictionary<string, string?>
        {
            ["VERIFICATION_DB"] = "",
            ["Audit__Key"] = Verification.BuildingBlocks.Audit.AuditKey.Generate(),
        });

    [GeneratedRegex("key     (vk_\\S+)")]
    private static partial Regex KeyLine();

    [GeneratedRegex("key id  (\\S+)")]
    private static partial Regex KeyIdLine();
}
