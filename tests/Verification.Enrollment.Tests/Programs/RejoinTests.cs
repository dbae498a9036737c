using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Verification.BuildingBlocks.Access;
using Verification.Enrollment.Tests.Support;

namespace Verification.Enrollment.Tests.Programs;

/// <summary>A member removed (by mistake, or who left) and invited again: joining again enrolls them again.</summary>
public sealed class RejoinTests(TestApp app) : IClassFixture<TestApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_removed_member_invited_again_is_enrolled_again_on_joining_and_can_get_a_token_for_the_programs_course()
    {
        var program = await TestProgram.CreateAsync(app, licences: 3);
        var email = $"rae.{Guid.NewGuid():N}@example.org";
        var first = await (await program.InviteAsync("Rae Carter", email)).ReadAsync<JsonElement>();
        var learnerId = (await Joining.JoinFromMailAsync(app, email)).GetProperty("learnerId").GetGuid();
        using (var removed = await program.Admin.DeleteAsync($"/api/v1/programs/{program.ProgramId}/members/{first.GetProperty("memberId").GetGuid()}", Cancel))
        {
            removed.EnsureSuccessStatusCode();
        }

        using (var again = await program.InviteAsync("Rae Carter", email))
        {
            Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        }

        // Invitation, welcome, exit, and the second invitation.
        var invitations = (await Inbox.WaitForAsync(email, 4)).Where(m => m.Subject.StartsWith("You are invited", StringComparison.Ordinal)).ToList();
        var token = Joining.JoinToken().Match(invitations[^1].Body).Groups[1].Value;
        using var rejoin = await app.Anonymous().PostAsJsonAsync("/api/v1/programs/join", new { token }, Cancel);
        var rejoined = await rejoin.ReadAsync<JsonElement>();
        using var minter = await app.KeyAsync(program.PartnerId, ApiScopes.TokensMint);
        using var minted = await minter.PostAsJsonAsync("/api/v1/tokens", new { learnerId, courseId = program.ThirdCourse, purpose = "enrollment" }, Cancel);

        Assert.Equal(2, invitations.Count);
        Assert.Equal(learnerId, rejoined.GetProperty("learnerId").GetGuid());
        Assert.Equal(HttpStatusCode.OK, minted.StatusCode);
        Assert.Equal(["DELETED_MEMBER", "MEMBER"], (await program.MembersAsync()).Select(m => m.GetProperty("state").GetString()).Order());
    }
}
