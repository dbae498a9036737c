using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Verification.Enrollment.Tests.Support;

public static partial class Joining
{
    /// <summary>Reads the invitation that arrived for <paramref name="email"/> and follows its join link's token.</summary>
    public static async Task<JsonElement> JoinFromMailAsync(TestApp app, string email)
    {
        var mails = await Inbox.WaitForAsync(email, 1);
        var invitation = Assert.Single(mails, m => m.Subject.StartsWith("You are invited", StringComparison.Ordinal));
        var token = JoinToken().Match(invitation.Body).Groups[1].Value;
        using var response = await app.Anonymous().PostAsJsonAsync("/api/v1/programs/join", new { token }, TestContext.Current.CancellationToken);
        return await response.ReadAsync<JsonElement>();
    }

    [GeneratedRegex(@"https://verify\.example\.org/programs/join\.html\?token=([A-Za-z0-9_-]{43})")]
    public static partial Regex JoinToken();
}
