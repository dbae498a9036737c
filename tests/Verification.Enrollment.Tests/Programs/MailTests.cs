using System.Net;
using System.Text.Json;
using Verification.Enrollment.Tests.Support;

namespace Verification.Enrollment.Tests.Programs;

/// <summary>The three program mails, read from the real SMTP server that test.sh starts.</summary>
public sealed class MailTests(TestApp app) : IClassFixture<TestApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_invitation_welcome_and_exit_mails_arrive_with_the_right_links()
    {
        var program = await TestProgram.CreateAsync(app, licences: 3);
        var email = $"mia.{Guid.NewGuid():N}@example.org";
        var invitation = await (await program.InviteAsync("Mia Müller", email)).ReadAsync<JsonElement>();

        var joined = await Joining.JoinFromMailAsync(app, email);
        var joinedAgain = await Joining.JoinFromMailAsync(app, email);
        using var removed = await program.Admin.DeleteAsync($"/api/v1/programs/{program.ProgramId}/members/{invitation.GetProperty("memberId").GetGuid()}", Cancel);
        var mails = await Inbox.WaitForAsync(email, 3);

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(joined.GetProperty("learnerId").GetGuid(), joinedAgain.GetProperty("learnerId").GetGuid());
        Assert.Equal(["You are invited to Acme Data Academy", "Welcome to Acme Data Academy", "You have left Acme Data Academy"], mails.Select(m => m.Subject));
        Assert.Matches(Joining.JoinToken(), mails[0].Body);
        Assert.Contains("Hello Mia Müller", mails[0].Body, StringComparison.Ordinal);
        Assert.Contains($"https://verify.example.org/programs/join.html?program={program.Slug}", mails[1].Body, StringComparison.Ordinal);
        Assert.DoesNotContain("token=", mails[2].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_withdrawn_invitation_or_a_forged_token_does_not_join()
    {
        var program = await TestProgram.CreateAsync(app, licences: 3);
        var email = $"ned.{Guid.NewGuid():N}@example.org";
        var invitation = await (await program.InviteAsync("Ned", email)).ReadAsync<JsonElement>();
        var token = Joining.JoinToken().Match((await Inbox.WaitForAsync(email, 1))[0].Body).Groups[1].Value;
        using (var withdrawn = await program.Admin.DeleteAsync($"/api/v1/programs/{program.ProgramId}/members/{invitation.GetProperty("memberId").GetGuid()}", Cancel))
        {
            withdrawn.EnsureSuccessStatusCode();
        }

        using var late = await app.Anonymous().PostAsync("/api/v1/programs/join", System.Net.Http.Json.JsonContent.Create(new { token }), Cancel);
        using var forged = await app.Anonymous().PostAsync("/api/v1/programs/join", System.Net.Http.Json.JsonContent.Create(new { token = new string('A', 43) }), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, late.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal("DELETED_MEMBER", Assert.Single(await program.MembersAsync()).GetProperty("state").GetString());
    }
}
