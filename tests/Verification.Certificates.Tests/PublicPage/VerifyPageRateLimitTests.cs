using System.Net;
using Verification.Certificates.Tests.Support;

namespace Verification.Certificates.Tests.PublicPage;

public sealed class RateLimitedApp() : CertificatesApp(new Dictionary<string, string> { ["Certificates:PublicPageRequestsPerMinute"] = "5" });

/// <summary>Codes cannot be tried in bulk: each client address has a budget per minute on the public page.</summary>
public sealed class VerifyPageRateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    [Fact]
    public async Task Answers_429_with_retry_after_past_the_budget_of_one_address_while_another_address_still_gets_answers()
    {
        using var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/verify/2222-2222-2222");
            request.Headers.Add(CertificatesApp.ClientAddressHeader, "203.0.113.7");
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(response.Headers.RetryAfter);
                Assert.Contains("rate_limited", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
            }
        }

        using var otherRequest = new HttpRequestMessage(HttpMethod.Get, "/verify/2222-2222-2222");
        otherRequest.Headers.Add(CertificatesApp.ClientAddressHeader, "203.0.113.8");
        using var other = await client.SendAsync(otherRequest, TestContext.Current.CancellationToken);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.NotFound, 5).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 2)), statuses);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }
}
