using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Verification.Access.Contracts;
using Verification.Host.Tests.Support;
using Verification.Testing;

namespace Verification.Host.Tests.Access;

/// <summary>
/// The demo's staff one-time passwords are printed once, when the accounts are made; a later start prints none, and a
/// new one exists only on request. Reads the Host's console, which this non-parallel test assembly may redirect.
/// </summary>
public sealed class DemoPasswordTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateEmptyAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Are_printed_at_the_first_start_only_and_later_issued_on_request()
    {
        var first = await ConsoleOfStartAsync();
        var second = await ConsoleOfStartAsync();

        Assert.Contains("Demo reviewer: reviewer@example.org, one-time password ", first, StringComparison.Ordinal);
        Assert.Contains("Demo admin: admin@example.org, one-time password ", first, StringComparison.Ordinal);
        Assert.DoesNotContain("one-time password", second, StringComparison.Ordinal);

        await using var factory = Demo();
        await using var scope = factory.Services.CreateAsyncScope();
        var issued = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new IssueStaffPassword("admin@example.org", "test"), TestContext.Current.CancellationToken);
        Assert.False(string.IsNullOrEmpty(issued));
        Assert.DoesNotContain(issued, first, StringComparison.Ordinal);
    }

    private HostFactory Demo() => new(_database.ConnectionString, new Dictionary<string, string> { ["Demo:Seed"] = "true" });

    private async Task<string> ConsoleOfStartAsync()
    {
        var original = Console.Out;
        await using var captured = new StringWriter();
        Console.SetOut(captured);
        try
        {
            await using var factory = Demo();
            using var client = factory.CreateClient();
            (await client.GetAsync(new Uri("/health/live", UriKind.Relative), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        }
        finally
        {
            Console.SetOut(original);
        }

        return captured.ToString();
    }
}
