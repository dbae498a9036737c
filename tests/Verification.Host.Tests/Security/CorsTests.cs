using System.Net;
using Microsoft.Extensions.Configuration;
using Verification.BuildingBlocks;
using Verification.Host.Security;
using Verification.Host.Tests.Support;
using Verification.Testing;

namespace Verification.Host.Tests.Security;

/// <summary>Browsers on other origins reach the API and the hub only from origins named in <c>Cors:AllowedOrigins</c>.</summary>
public sealed class CorsTests : IAsyncLifetime
{
    private const string Allowed = "https://courses.example.org";
    private const string Foreign = "https://attacker.example.net";
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateEmptyAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    public static TheoryData<string, string> Targets => new()
    {
        { "/api/v1/tokens", "POST" },
        { "/api/v1/identity/status", "GET" },
        { "/hubs/proctoring/negotiate?negotiateVersion=1", "POST" },
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task A_configured_origin_passes_the_preflight_and_a_foreign_one_does_not(string path, string method)
    {
        await using var factory = new HostFactory(_database.ConnectionString, new Dictionary<string, string> { ["Cors:AllowedOrigins:0"] = Allowed });
        using var client = factory.CreateClient();

        using var allowed = await PreflightAsync(client, path, method, Allowed);
        using var foreign = await PreflightAsync(client, path, method, Foreign);

        Assert.Equal(Allowed, Single(allowed, "Access-Control-Allow-Origin"));
        Assert.Contains(method, Single(allowed, "Access-Control-Allow-Methods"), StringComparison.Ordinal);
        Assert.False(foreign.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(foreign.Headers.Contains("Access-Control-Allow-Methods"));
    }

    [Fact]
    public async Task The_hub_allows_credentials_for_a_configured_origin_and_the_api_does_not()
    {
        await using var factory = new HostFactory(_database.ConnectionString, new Dictionary<string, string> { ["Cors:AllowedOrigins:0"] = Allowed });
        using var client = factory.CreateClient();

        using var hub = await PreflightAsync(client, "/hubs/proctoring/negotiate?negotiateVersion=1", "POST", Allowed);
        using var api = await PreflightAsync(client, "/api/v1/tokens", "POST", Allowed);

        Assert.Equal("true", Single(hub, "Access-Control-Allow-Credentials"));
        Assert.False(api.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task An_actual_request_from_a_foreign_origin_gets_no_allow_header()
    {
        await using var factory = new HostFactory(_database.ConnectionString, new Dictionary<string, string> { ["Cors:AllowedOrigins:0"] = Allowed });
        using var client = factory.CreateClient();

        using var foreign = await GetAsync(client, "/api/v1/catalog/courses", Foreign);
        using var allowed = await GetAsync(client, "/api/v1/catalog/courses", Allowed);

        Assert.False(foreign.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(Allowed, Single(allowed, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task No_origin_is_allowed_by_default()
    {
        await using var factory = new HostFactory(_database.ConnectionString);
        using var client = factory.CreateClient();

        foreach (var (path, method) in new[] { ("/api/v1/tokens", "POST"), ("/hubs/proctoring/negotiate?negotiateVersion=1", "POST") })
        {
            using var response = await PreflightAsync(client, path, method, Allowed);
            Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"), path);
        }
    }

    [Theory]
    [InlineData("*")]
    [InlineData("https://courses.example.org/")]
    [InlineData("https://courses.example.org/player")]
    [InlineData("courses.example.org")]
    [InlineData("ftp://courses.example.org")]
    public void Refuses_an_allowed_origin_that_is_not_an_origin(string origin)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Cors:AllowedOrigins:0"] = Allowed, ["Cors:AllowedOrigins:1"] = origin }).Build();

        var error = Assert.Throws<SettingInvalidException>(() => CorsOrigins.Read(configuration));

        Assert.Contains($"Cors:AllowedOrigins holds \"{origin}\"", error.Message, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PreflightAsync(HttpClient client, string path, string method, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, new Uri(path, UriKind.Relative));
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("Origin", origin);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static string Single(HttpResponseMessage response, string name) =>
        Assert.Single(response.Headers.TryGetValues(name, out var values) ? values : [], v => v.Length > 0);
}
