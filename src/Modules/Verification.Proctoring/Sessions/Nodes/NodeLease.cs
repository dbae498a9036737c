using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Verification.Proctoring.Sessions.Nodes;

/// <summary>
/// Takes this node's lease at start and renews it every heartbeat; a graceful stop gives it up, so the sessions this node
/// leaves open are closed by the other nodes (or the next start) at once instead of after the lease.
/// </summary>
internal sealed class NodeLease(NpgsqlDataSource dataSource, ProctoringNode node, NodeSettings settings, ILogger<NodeLease> logger)
    : BackgroundService
{
    private const string RenewSql = """
        INSERT INTO proctoring.nodes (id, started_at, lease_until)
        VALUES (@id, now(), now() + make_interval(secs => @lease))
        ON CONFLICT (id) DO UPDATE SET lease_until = excluded.lease_until
        """;

    private bool _renewFailed;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await RenewAsync(cancellationToken);
        logger.LogInformation("Node {NodeId} holds a {LeaseSeconds} s lease on its sessions", node.Id, settings.LeaseSeconds);
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("UPDATE proctoring.nodes SET lease_until = now() WHERE id = @id", new { id = node.Id }, cancellationToken: cancellationToken));
        }
        // A host torn down while it stops may have disposed the data source already: the lease then runs out by itself.
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or OperationCanceledException or ObjectDisposedException)
        {
            logger.LogWarning("Node {NodeId} could not give up its lease ({Reason}); it runs out by itself", node.Id, ex.Message);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.HeartbeatSeconds));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RenewAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync gives the lease up.
        }
    }

    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(RenewSql, new { id = node.Id, lease = (double)settings.LeaseSeconds }, cancellationToken: cancellationToken));
            if (_renewFailed)
            {
                _renewFailed = false;
                logger.LogInformation("Node {NodeId} renewed its lease again", node.Id);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            // Past the lease, other nodes close this node's open sessions as interrupted; its later verdicts are then no-ops.
            _renewFailed = true;
            logger.LogWarning("Node {NodeId} could not renew its lease ({Reason})", node.Id, ex.Message);
        }
    }
}
