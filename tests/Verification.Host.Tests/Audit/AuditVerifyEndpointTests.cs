using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Verification.BuildingBlocks.Access;
using Verification.BuildingBlocks.Audit;
using Verification.Host.Tests.Access.Support;

namespace Verification.Host.Tests.Audit;

/// <summary><c>GET /api/v1/admin/audit/verify</c> with real staff cookies: admins read the chain's state, others are refused.</summary>
public sealed class AuditVerifyEndpointTests : IAsyncLifetime
{
    private static readonly Uri Verify = new("/api/v1/admin/audit/verify", UriKind.Relative);
    private readonly AccessApp _app = new();

    public async ValueTask InitializeAsync()
    {
        await _app.InitializeAsync();
        var audit = _app.Factory.Services.GetRequiredService<AuditLog>();
        for (var i = 1; i <= 4; i++)
        {
            await audit.AppendAsync(new AuditEntry($"reviewer:{i}", "review.decided", $"case:{i}", """{"decision":"approve"}"""), TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_admin_reads_an_intact_chain_with_its_head()
    {
        var (admin, _) = await _app.StaffAsync(StaffRoles.Admin);
        using var client = admin;

        var state = await client.GetFromJsonAsync<JsonElement>(Verify, TestContext.Current.CancellationToken);

        Assert.True(state.GetProperty("intact").GetBoolean());
        // The four entries above, then the admin's account being made and signed in.
        Assert.True(state.GetProperty("entriesChecked").GetInt64() >= 6);
        Assert.Equal(state.GetProperty("entriesChecked").GetInt64(), state.GetProperty("headSequence").GetInt64());
        Assert.Equal(64, state.GetProperty("headHash").GetString()!.Length);
        Assert.Equal(JsonValueKind.Null, state.GetProperty("firstBreak").ValueKind);
    }

    [Fact]
    public async Task An_admin_is_told_the_first_bad_entry_after_a_superuser_edits_one()
    {
        var (admin, _) = await _app.StaffAsync(StaffRoles.Admin);
        using var client = admin;
        await using (var connection = await _app.Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            await connection.ExecuteAsync(
                "ALTER TABLE audit.entries DISABLE TRIGGER USER; UPDATE audit.entries SET actor = 'reviewer:9' WHERE sequence = 3; ALTER TABLE audit.entries ENABLE TRIGGER USER;");
        }

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
        using var client = role is null ? _app.Client() : (await _app.StaffAsync(role)).Client;

        using var response = await client.GetAsync(Verify, TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
    }
}
