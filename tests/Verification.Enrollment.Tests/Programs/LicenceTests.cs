using System.Net;
using System.Text.Json;
using Verification.Enrollment.Tests.Support;

namespace Verification.Enrollment.Tests.Programs;

public sealed class LicenceTests(TestApp app) : IClassFixture<TestApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Twenty_concurrent_invitations_for_the_last_five_licences_take_exactly_five()
    {
        var program = await TestProgram.CreateAsync(app, licences: 10);
        for (var i = 0; i < 5; i++)
        {
            using var taken = await program.InviteAsync($"Early {i}", $"early{i}@example.org");
            await taken.ReadAsync<JsonElement>();
        }

        using var start = new SemaphoreSlim(0);
        var racers = Enumerable.Range(0, 20).Select(async i =>
        {
            await start.WaitAsync(Cancel);
            using var response = await program.InviteAsync($"Racer {i}", $"racer{i}@example.org");
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(Cancel));
        }).ToList();
        start.Release(20);
        var results = await Task.WhenAll(racers);

        Assert.Equal(5, results.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(15, results.Count(r => r.StatusCode == HttpStatusCode.Conflict && r.Body.Contains("no_licence_left", StringComparison.Ordinal)));
        Assert.Equal(10, (await program.MembersAsync()).Count);
    }

    [Fact]
    public async Task Removing_a_member_frees_the_licence_and_the_same_email_cannot_be_invited_twice()
    {
        var program = await TestProgram.CreateAsync(app, licences: 1);
        var member = await (await program.InviteAsync("First", "first@example.org")).ReadAsync<JsonElement>();
        using var full = await program.InviteAsync("Second", "second@example.org");
        using var twice = await program.InviteAsync("First Again", "FIRST@example.org");

        using var removed = await program.Admin.DeleteAsync($"/api/v1/programs/{program.ProgramId}/members/{member.GetProperty("memberId").GetGuid()}", Cancel);
        using var afterRemoval = await program.InviteAsync("Second", "second@example.org");

        Assert.Equal(HttpStatusCode.Conflict, full.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("already_member", await twice.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.Created, afterRemoval.StatusCode);
        Assert.Equal(["DELETED_MEMBER", "INVITED"], (await program.MembersAsync()).Select(m => m.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task A_contract_without_licences_refuses_invitations_and_another_partners_key_sees_no_program()
    {
        var program = await TestProgram.CreateAsync(app, licences: 0);
        var other = await TestPartner.CreateAsync(app, scope: Verification.BuildingBlocks.Access.ApiScopes.ProgramsManage);

        using var none = await program.InviteAsync("Nobody", "nobody@example.org");
        using var foreign = await other.Key.GetAsync($"/api/v1/programs/{program.ProgramId}/members", Cancel);
        using var foreignReport = await other.Key.GetAsync($"/api/v1/programs/{program.ProgramId}/reports/usage.csv", Cancel);

        Assert.Equal(HttpStatusCode.Conflict, none.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreignReport.StatusCode);
    }
}
