using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Verification.BuildingBlocks.Access;
using Verification.BuildingBlocks.Audit;
using Verification.Host.Tests.Access.Support;

namespace Verification.Host.Tests.Audit;

/// <summary>
/// Reads of personal data leave an audit entry naming who read what, never what it held: a learner's export of their
/// own data, and program reports downloaded with a partner's key or an admin's cookie. A refused read leaves none.
/// </summary>
public sealed class AuditedReadsTests(AccessApp app) : IClassFixture<AccessApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_learners_export_of_their_data_is_audited_with_the_learner_and_not_its_content()
    {
        var partner = await app.CreatePartnerAsync();
        var other = await app.CreatePartnerAsync();
        var key = await app.CreateKeyAsync(partner.PartnerId, ApiScopes.TokensMint);
        var token = await app.TokenAsync(partner, key.Key);
        using var client = app.Client();

        using var export = await SendAsync(client, HttpMethod.Get, $"/api/v1/learners/{partner.LearnerId}/data", token);
        using var refused = await SendAsync(client, HttpMethod.Get, $"/api/v1/learners/{other.LearnerId}/data", token);

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var entry = Assert.Single(await EntriesAsync("learner_data.exported", $"learner:{partner.LearnerId}"));
        Assert.Equal($"learner:{partner.LearnerId}", entry.Actor);
        Assert.Equal("{}", entry.Data);
        Assert.Empty(await EntriesAsync("learner_data.exported", $"learner:{other.LearnerId}"));
        await AssertChainIntactAsync();
    }

    [Fact]
    public async Task Program_report_downloads_are_audited_with_the_key_or_the_admin_that_read_them()
    {
        var partner = await app.CreatePartnerAsync();
        var key = await app.CreateKeyAsync(partner.PartnerId, ApiScopes.ProgramsManage);
        var (admin, account) = await app.StaffAsync(StaffRoles.Admin);
        using var client = app.Client();
        var programId = await CreateProgramAsync(client, key.Key, partner);

        using var usage = await SendAsync(client, HttpMethod.Get, $"/api/v1/programs/{programId}/reports/usage.csv", key.Key);
        using var zip = await admin.GetAsync(new Uri($"/api/v1/programs/{programId}/reports/reports.zip", UriKind.Relative), Cancel);
        using var unknown = await SendAsync(client, HttpMethod.Get, $"/api/v1/programs/{Guid.CreateVersion7()}/reports/membership.csv", key.Key);

        Assert.Equal(HttpStatusCode.OK, usage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, zip.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal($"api_key:{key.KeyId}", Assert.Single(await EntriesAsync("program_report.usage.downloaded", $"program:{programId}")).Actor);
        Assert.Equal($"staff:{account.StaffId}", Assert.Single(await EntriesAsync("program_report.all.downloaded", $"program:{programId}")).Actor);
        Assert.Empty(await EntriesAsync("program_report.membership.downloaded", null));
        await AssertChainIntactAsync();
    }

    private async Task<Guid> CreateProgramAsync(HttpClient client, string key, TestPartner partner)
    {
        var slug = "org-" + Guid.NewGuid().ToString("N")[..10];
        using var organisation = await SendAsync(client, HttpMethod.Post, "/api/v1/programs/organisations", key, JsonContent.Create(new { name = "Audited Org", slug }));
        Assert.Equal(HttpStatusCode.Created, organisation.StatusCode);
        var organisationId = (await organisation.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("organisationId").GetGuid();
        using var program = await SendAsync(client, HttpMethod.Post, "/api/v1/programs", key, JsonContent.Create(new
        {
            organisationId,
            slug = slug + "-p",
            name = "Audited Program",
            curriculum = new[] { new { courseId = partner.CourseId } },
        }));
        Assert.Equal(HttpStatusCode.Created, program.StatusCode);
        return (await program.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("programId").GetGuid();
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string credential, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (credential.StartsWith("vk_", StringComparison.Ordinal))
        {
            request.Headers.Add("X-Api-Key", credential);
        }
        else
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        }

        return client.SendAsync(request, Cancel);
    }

    private async Task<List<(string Actor, string Data)>> EntriesAsync(string action, string? subject)
    {
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        return [.. await connection.QueryAsync<(string Actor, string Data)>(
            "SELECT actor, data FROM audit.entries WHERE action = @action AND (@subject::text IS NULL OR subject = @subject)", new { action, subject })];
    }

    private async Task AssertChainIntactAsync()
    {
        var report = await app.Factory.Services.GetRequiredService<AuditChainVerifier>().VerifyAsync(Cancel);
        Assert.True(report.IsIntact);
    }
}
