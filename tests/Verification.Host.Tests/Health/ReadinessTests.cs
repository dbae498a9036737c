using System.Net;
using Dapper;
using Verification.Host.Tests.Support;
using Verification.Testing;

namespace Verification.Host.Tests.Health;

public sealed class ReadinessTests
{
    [Fact]
    public async Task Answers_ready_with_the_database_up_and_migrations_applied()
    {
        await using var database = await TestDatabase.CreateEmptyAsync();
        await using var factory = new HostFactory(database.ConnectionString);
        using var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("migrations applied", body, StringComparison.Ordinal);
        Assert.Contains("models match the manifest", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_unhealthy_when_the_database_goes_away_while_staying_live()
    {
        await using var database = await TestDatabase.CreateEmptyAsync();
        await using var factory = new HostFactory(database.ConnectionString);
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);

        await using (var admin = TestPostgres.AdminDataSource())
        {
            await admin.OpenConnection().ExecuteAsync($"DROP DATABASE \"{database.Name}\" WITH (FORCE)");
        }

        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);
        var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("database unreachable", await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task Serves_the_openapi_document()
    {
        await using var database = await TestDatabase.CreateEmptyAsync();
        await using var factory = new HostFactory(database.ConnectionString);
        using var client = factory.CreateClient();

        var document = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains("/api/v1/catalog/courses", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_an_unknown_api_route_with_problem_details()
    {
        await using var database = await TestDatabase.CreateEmptyAsync();
        await using var factory = new HostFactory(database.ConnectionString);
        using var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri("/api/v1/nothing-here", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
