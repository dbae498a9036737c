using System.Net.Http.Json;
using System.Text.Json;

namespace Verification.Enrollment.Tests.Support;

/// <summary>What arrived at the real SMTP server test.sh starts, read through smtp4dev's HTTP API.</summary>
public static class Inbox
{
    private static readonly HttpClient Api = new() { BaseAddress = new Uri(Environment.GetEnvironmentVariable("VERIFICATION_TEST_SMTP_API") ?? "http://127.0.0.1:5380") };

    public sealed record ReceivedMail(string Subject, string Body);

    /// <summary>
    /// The mails to <paramref name="address"/>, waiting up to <paramref name="timeout"/> for <paramref name="count"/> of
    /// them, at test.sh's server or at the one whose HTTP API is <paramref name="api"/>.
    /// </summary>
    public static async Task<IReadOnlyList<ReceivedMail>> WaitForAsync(string address, int count, TimeSpan? timeout = null, HttpClient? api = null)
    {
        var client = api ?? Api;
        var cancel = TestContext.Current.CancellationToken;
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            // smtp4dev answers 500 for a moment while it starts; that is a wait, not an answer.
            using var response = await client.GetAsync("/api/messages?pageSize=5000", cancel);
            if (!response.IsSuccessStatusCode)
            {
                Assert.True(DateTime.UtcNow < deadline, $"The SMTP server's API answers {(int)response.StatusCode}.");
                await Task.Delay(200, cancel);
                continue;
            }

            var page = await response.Content.ReadFromJsonAsync<JsonElement>(cancel);
            var ids = page.GetProperty("results").EnumerateArray()
                .Where(m => m.GetProperty("to").EnumerateArray().Any(t => string.Equals(t.GetString(), address, StringComparison.OrdinalIgnoreCase)))
                .OrderBy(m => m.GetProperty("receivedDate").GetDateTimeOffset())
                .Select(m => (Id: m.GetProperty("id").GetString()!, Subject: m.GetProperty("subject").GetString()!))
                .ToList();
            if (ids.Count >= count || DateTime.UtcNow > deadline)
            {
                var mails = new List<ReceivedMail>();
                foreach (var (id, subject) in ids)
                {
                    mails.Add(new ReceivedMail(subject, await client.GetStringAsync($"/api/messages/{id}/plaintext", cancel)));
                }

                return mails;
            }

            await Task.Delay(200, cancel);
        }
    }
}
