using Dapper;
using Mediator;
using Npgsql;
using Verification.BuildingBlocks.Audit;

namespace Verification.Access.ApiKeys.RevokeApiKey;

public sealed class RevokeApiKeyHandler(NpgsqlDataSource dataSource, AuditLog audit, TimeProvider time) : ICommandHandler<Contracts.RevokeApiKey, bool>
{
    private const string Sql = """
        UPDATE access.api_keys SET revoked_at = COALESCE(revoked_at, @now) WHERE id = @KeyId
        RETURNING revoked_at = @now
        """;

    public async ValueTask<bool> Handle(Contracts.RevokeApiKey command, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var revokedNow = await connection.QuerySingleOrDefaultAsync<bool?>(new CommandDefinition(Sql, new { command.KeyId, now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
        if (revokedNow is null)
        {
            return false;
        }

        if (revokedNow.Value)
        {
            await audit.AppendAsync(connection, transaction, new AuditEntry(command.Actor, "api_key.revoked", $"api_key:{command.KeyId}", "{}"), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
