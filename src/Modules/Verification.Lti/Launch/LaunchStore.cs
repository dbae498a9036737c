using Dapper;
using Npgsql;

namespace Verification.Lti.Launch;

internal sealed class LaunchStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    public async Task<Guid> RecordAsync(ValidatedLaunch launch, int? attemptNumber, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO lti.launches (id, platform_id, deployment_id, message_type, lti_user, resource_link_id, attempt_number, created_at)
            VALUES (@id, @platformId, @DeploymentId, @MessageType, @Subject, @ResourceLinkId, @attemptNumber, @now)
            """, new { id, platformId = launch.Platform.Id, launch.DeploymentId, launch.MessageType, launch.Subject, launch.ResourceLinkId, attemptNumber, now = time.GetUtcNow() },
            cancellationToken: cancellationToken));
        return id;
    }
}
