using Dapper;
using Mediator;
using Npgsql;
using Verification.Access.Contracts;

namespace Verification.Access.ApiKeys.ListApiKeys;

public sealed class ListApiKeysHandler(NpgsqlDataSource dataSource) : IQueryHandler<Contracts.ListApiKeys, IReadOnlyList<ApiKeySummary>>
{
    private const string Sql = """
        SELECT id AS "KeyId", partner_id AS "PartnerId", name AS "Name", prefix AS "Prefix", scopes AS "Scopes",
               created_at AS "CreatedAt", last_used_at AS "LastUsedAt", revoked_at AS "RevokedAt"
        FROM access.api_keys
        WHERE @PartnerId::uuid IS NULL OR partner_id = @PartnerId
        ORDER BY created_at DESC
        LIMIT 500
        """;

    public async ValueTask<IReadOnlyList<ApiKeySummary>> Handle(Contracts.ListApiKeys query, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(Sql, new { query.PartnerId }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new ApiKeySummary(r.KeyId, r.PartnerId, r.Name, r.Prefix, r.Scopes, Utc(r.CreatedAt), r.LastUsedAt is { } used ? Utc(used) : null, r.RevokedAt is { } revoked ? Utc(revoked) : null))];
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    // Settable: Dapper hands text[] over as System.Array, which no record constructor takes.
    private sealed class Row
    {
        public Guid KeyId { get; set; }

        public Guid PartnerId { get; set; }

        public string Name { get; set; } = "";

        public string Prefix { get; set; } = "";

        public string[] Scopes { get; set; } = [];

        public DateTime CreatedAt { get; set; }

        public DateTime? LastUsedAt { get; set; }

        public DateTime? RevokedAt { get; set; }
    }
}
