using System.Net;
using Verification.Host.Tests.Support;
using Verification.Testing;

namespace Verification.Host.Tests.Security;

/// <summary>
/// In Production the API reference exists only when configured and the demo not at all (StartupErrorTests: the Host
/// refuses to start with the demo switched on).
/// </summary>
public sealed class ProductionTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateEmptyAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Theory]
    [InlineData("/scalar/v1")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/api/v1/demo/tokens")]
    public async Task Production_serves_no_reference_and_no_demo_unless_configured(string path)
    {
        await using var factory = new HostFactory(_database.ConnectionString, environment: "Production");
        using var client = factory.CreateClient();

        using var response = path.Contains("demo", StringComparison.Ordinal)
            ? await client.PostAsync(new Uri(path, UriKind.Relative), new StringContent("""{"purpose":"enrollment"}""", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken)
            : await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory]
    [InlineData("/scalar/v1")]
    [InlineData("/openapi/v1.json")]
    public async Task Production_serves_the_reference_when_enabled(string path)
    {
        await using var factory = new HostFactory(_database.ConnectionString, new Dictionary<string, string> { ["ApiReference:Enabled"] = "true" }, "Production");
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Other_environments_can_switch_the_reference_off()
    {
        await using var factory = new HostFactory(_database.ConnectionString, new Dictionary<string, string> { ["ApiReference:Enabled"] = "false" });
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/scalar/v1", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Staging_with_the_demo_switch_serves_the_demo_token_endpoint()
    {
        await using var factory = new HostFactory(_database.ConnectionString, new Dictionary<string, string> { ["Demo:Seed"] = "true" }, "Staging");
        using var client = factory.CreateClient();

        using var response = await client.PostAsync(new Uri("/api/v1/demo/tokens", UriKind.Relative),
            new StringContent("""{"purpose":"enrollment"}""", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
