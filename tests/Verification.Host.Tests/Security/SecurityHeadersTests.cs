using System.Net;
using Verification.Host.Tests.Support;
using Verification.Testing;

namespace Verification.Host.Tests.Security;

/// <summary>Every kind of answer the Host gives carries the security headers: pages, scripts, API answers, refusals, errors, 404s.</summary>
public sealed class SecurityHeadersTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private HostFactory _factory = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateEmptyAsync();
        _factory = new HostFactory(_database.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _database.DisposeAsync();
    }

    // Routes whose refusal (400, 401 or 403) belongs to the access work: only its being a refusal matters here.
    private const int AnyRefusal = 4;

    public static TheoryData<string, string, int> Answers => new()
    {
        { "GET", "/", 200 },
        { "GET", "/index.html", 200 },
        { "GET", "/player/", 200 },
        { "GET", "/player/js/main.js", 200 },
        { "GET", "/player/player.css", 200 },
        { "GET", "/player/vendor/signalr.min.js", 200 },
        { "GET", "/health/live", 200 },
        { "GET", "/health/ready", 200 },
        { "GET", "/openapi/v1.json", 200 },
        { "GET", "/api/v1/catalog/courses", 200 },
        { "GET", "/api/v1/identity/status", AnyRefusal },
        { "POST", "/api/v1/tokens", AnyRefusal },
        { "GET", "/api/v1/review-cases", 401 },
        { "GET", "/api/v1/learners/01935f00-0000-7000-8000-000000000004/consent", 401 },
        { "POST", "/api/v1/staff/sign-in", AnyRefusal },
        { "GET", "/api/v1/no-such-thing", 404 },
        { "GET", "/no-such-page.html", 404 },
        { "GET", "/player/package.json", 404 },
        { "DELETE", "/api/v1/catalog/courses", 405 },
        { "POST", "/hubs/proctoring/negotiate?negotiateVersion=1", 200 },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Every_answer_carries_the_security_headers(string method, string path, int status)
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (method == "POST")
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        if (status == AnyRefusal)
        {
            Assert.InRange((int)response.StatusCode, 400, 403);
        }
        else
        {
            Assert.Equal(status, (int)response.StatusCode);
        }

        AssertSecurityHeaders(response);
        // Plain HTTP: a browser ignores HSTS there, and it must not pin a host that has no TLS.
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task A_server_error_carries_the_security_headers()
    {
        using var client = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/v1/catalog/courses", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
        await using (var admin = TestPostgres.AdminDataSource())
        {
            await Dapper.SqlMapper.ExecuteAsync(admin.OpenConnection(), $"DROP DATABASE \"{_database.Name}\" WITH (FORCE)");
        }

        using var response = await client.GetAsync(new Uri("/api/v1/catalog/courses", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.InRange((int)response.StatusCode, 500, 599);
        AssertSecurityHeaders(response);
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.StartsWith("camera=(self)", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
    }

    [Fact]
    public async Task Answers_over_tls_carry_strict_transport_security()
    {
        using var client = _factory.CreateClient(new() { BaseAddress = new Uri("https://verification.example.org") });

        using var page = await client.GetAsync(new Uri("/player/", UriKind.Relative), TestContext.Current.CancellationToken);
        using var missing = await client.GetAsync(new Uri("/api/v1/no-such-thing", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal("max-age=63072000; includeSubDomains", Header(page, "Strict-Transport-Security"));
        Assert.Equal("max-age=63072000; includeSubDomains", Header(missing, "Strict-Transport-Security"));
    }

    [Fact]
    public async Task The_api_reference_gets_its_inline_allowances_under_its_own_path_only()
    {
        using var client = _factory.CreateClient();

        using var reference = await client.GetAsync(new Uri("/scalar/v1", UriKind.Relative), TestContext.Current.CancellationToken);
        using var lookalike = await client.GetAsync(new Uri("/scalarx/v1", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        var csp = Header(reference, "Content-Security-Policy");
        Assert.Contains("script-src 'self' 'unsafe-inline'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("http", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", Header(lookalike, "Content-Security-Policy"), StringComparison.Ordinal);
        // Scalar's page loads its script from this Host, nothing from a CDN that the CSP would block.
        var html = await reference.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotMatch("src=\"https?://", html);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{name} is missing on {(int)response.StatusCode} {response.RequestMessage?.RequestUri}");
}
