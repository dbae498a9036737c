using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Verification.BuildingBlocks.Access;
using Verification.BuildingBlocks.Audit;
using Verification.Host.Tests.Support;
using Verification.Testing;

namespace Verification.Host.Tests.Audit;

public sealed class AuditVerifyEndpointTests : IAsyncLifetime
{
    private static readonly Uri Verify = new("/api/v1/admin/audit/verify", UriKind.Relative);
    private TestDatabase _database = null!;
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _factory = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateEmptyAsync();
        _factory = new HostFactory(_database.ConnectionString).WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, StandInAdmin>(StandInAdmin.SchemeName, null);
            services.AddAuthorizationBuilder().AddPolicy(AccessPolicies.Admin, policy => policy.AddAuthenticationSchemes(StandInAdmin.SchemeName).RequireRole(StaffRoles.Admin));
        }));
        var audit = _factory.Services.GetRequiredService<AuditLog>();
        for (var i = 1; i <= 4; i++)
        {
            await audit.AppendAsync(new AuditEntry($"reviewer:{i}", "review.decided", $"case:{i}", """{"decision":"approve"}"""), TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task An_admin_reads_an_intact_chain_with_its_head()
    {
        using var client = Client("admin");

        var state = await client.GetFromJsonAsync<JsonElement>(Verify, TestContext.Current.CancellationToken);

        Assert.True(state.GetProperty("intact").GetBoolean());
        Assert.Equal(4, state.GetProperty("entriesChecked").GetInt64());
        Assert.Equal(4, state.GetProperty("headSequence").GetInt64());
        Assert.Equal(64, state.GetProperty("headHash").GetString()!.Length);
        Assert.Equal(JsonValueKind.Null, state.GetProperty("firstBreak").ValueKind);
    }

    [Fact]
    public async Task An_admin_is_told_the_first_bad_entry_after_a_superuser_edits_one()
    {
        await using (var connection = await _database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            await connection.ExecuteAsync(
                "ALTER TABLE audit.entries DISABLE TRIGGER USER; UPDATE audit.entries SET actor = 'reviewer:9' WHERE sequence = 3; ALTER TABLE audit.entries ENABLE TRIGGER USER;");
        }

        using var client = Client("admin");
        var state = await client.GetFromJsonAsync<JsonElement>(Verify, TestContext.Current.CancellationToken);

        Assert.False(state.GetProperty("intact").GetBoolean());
        Assert.Equal(3, state.GetProperty("firstBreak").GetProperty("sequence").GetInt64());
        Assert.Equal("modified", state.GetProperty("firstBreak").GetProperty("kind").GetString());
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(StaffRoles.Reviewer, HttpStatusCode.Forbidden)]
    [InlineData(StaffRoles.SeniorReviewer, HttpStatusCode.Forbidden)]
    public async Task Anyone_but_an_admin_is_refused(string? role, HttpStatusCode expected)
    {
        using var client = Client(role);

        using var response = await client.GetAsync(Verify, TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
    }

    private HttpClient Client(string? role)
    {
        var client = _factory.CreateClient();
        if (role is not null)
        {
            client.DefaultRequestHeaders.Add("X-Test-Role", role);
        }

        return client;
    }
}
