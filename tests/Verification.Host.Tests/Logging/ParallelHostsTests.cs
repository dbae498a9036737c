using System.Net;
using Verification.Host.Tests.Support;
using Verification.Testing;

namespace Verification.Host.Tests.Logging;

/// <summary>
/// Each Host configures a Serilog logger of its own; the static logger is only Program's start-up logger. Before, a
/// reloadable bootstrap logger was the one static instance every Host froze, and two Hosts starting together failed
/// with "The logger is already frozen".
/// </summary>
public sealed class ParallelHostsTests
{
    [Fact]
    public async Task Four_hosts_started_at_the_same_moment_in_one_process_all_serve()
    {
        var databases = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => TestDatabase.CreateEmptyAsync()));
        var factories = databases.Select(d => new HostFactory(d.ConnectionString)).ToArray();
        try
        {
            var clients = await Task.WhenAll(factories.Select(f => Task.Run(f.CreateClient, TestContext.Current.CancellationToken)));
            var answers = await Task.WhenAll(clients.Select(c => c.GetAsync(new Uri("/health/live", UriKind.Relative), TestContext.Current.CancellationToken)));

            Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        }
        finally
        {
            foreach (var factory in factories)
            {
                await factory.DisposeAsync();
            }

            foreach (var database in databases)
            {
                await database.DisposeAsync();
            }
        }
    }
}
