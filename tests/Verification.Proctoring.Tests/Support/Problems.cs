using System.Net;
using System.Text.Json;

namespace Verification.Proctoring.Tests.Support;

/// <summary>Reads RFC 9457 problem details and their <c>code</c> extension.</summary>
public static class Problems
{
    public static async Task<(string? Code, string? Detail)> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var root = body.RootElement;
        return (
            root.TryGetProperty("code", out var code) ? code.GetString() : null,
            root.TryGetProperty("detail", out var detail) ? detail.GetString() : null);
    }

    /// <summary>Asserts the status and the code, and that the detail is a sentence the learner can act on.</summary>
    public static async Task<string> AssertAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        var (actual, detail) = await ReadAsync(response);
        Assert.Equal(code, actual);
        Assert.False(string.IsNullOrWhiteSpace(detail));
        return detail!;
    }
}
