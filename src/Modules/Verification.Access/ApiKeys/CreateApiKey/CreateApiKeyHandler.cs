using System.Text.Json;
using Dapper;
using Mediator;
using Npgsql;
using Verification.Access.Contracts;
using Verification.BuildingBlocks.Access;
using Verification.BuildingBlocks.Audit;
using Verification.Catalog.Contracts;

namespace Verification.Access.ApiKeys.CreateApiKey;

public sealed class CreateApiKeyHandler(NpgsqlDataSource dataSource, AuditLog audit, IMediator mediator, TimeProvider time)
    : ICommandHandler<Contracts.CreateApiKey, CreateApiKeyResult>
{
    private const string InsertSql = """
        INSERT INTO access.api_keys (id, partner_id, name, prefix, key_hash, scopes, created_at)
        VALUES (@id, @PartnerId, @Name, @prefix, @hash, @scopes, @now)
        ON CONFLICT DO NOTHING
        """;

    public async ValueTask<CreateApiKeyResult> Handle(Contracts.CreateApiKey command, CancellationToken cancellationToken)
    {
        var scopes = command.Scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (scopes.Length == 0 || scopes.Any(s => !ApiScopes.All.Contains(s)))
        {
            return new CreateApiKeyResult(null, "scopes_invalid");
        }

        if (string.IsNullOrWhiteSpace(command.Name) || command.Name.Length > 100)
        {
            return new CreateApiKeyResult(null, "name_invalid");
        }

        var key = command.Key ?? ApiKeyFormat.New();
        var prefix = ApiKeyFormat.PrefixOf(key);
        if (prefix is null)
        {
            return new CreateApiKeyResult(null, "key_invalid");
        }

        if (!await mediator.Send(new PartnerExists(command.PartnerId), cancellationToken))
        {
            return new CreateApiKeyResult(null, "partner_not_found");
        }

        var id = command.KeyId ?? Guid.CreateVersion7(time.GetUtcNow());
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            InsertSql, new { id, command.PartnerId, command.Name, prefix, hash = ApiKeyFormat.Hash(key), scopes, now }, transaction, cancellationToken: cancellationToken));
        if (inserted == 0)
        {
            // Only an import can collide (same id or prefix): the demo's key, seeded at every start.
            return new CreateApiKeyResult(new ApiKeyCreated(id, command.PartnerId, key, prefix, scopes, now, AlreadyExisted: true), null);
        }

        var data = JsonSerializer.Serialize(new { partnerId = command.PartnerId, prefix, scopes });
        await audit.AppendAsync(connection, transaction, new AuditEntry(command.Actor, "api_key.created", $"api_key:{id}", data), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CreateApiKeyResult(new ApiKeyCreated(id, command.PartnerId, key, prefix, scopes, now, AlreadyExisted: false), null);
    }
}
