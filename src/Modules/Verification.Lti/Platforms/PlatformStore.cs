using Dapper;
using Npgsql;

namespace Verification.Lti.Platforms;

internal sealed class PlatformStore(NpgsqlDataSource dataSource)
{
    // Dapper materialises text[] and timestamptz by property, not through a positional record constructor.
    private sealed class Row
    {
        public Guid Id { get; init; }
        public Guid PartnerId { get; init; }
        public string Issuer { get; init; } = "";
        public string ClientId { get; init; } = "";
        public string[] DeploymentIds { get; init; } = [];
        public string AuthorizationEndpoint { get; init; } = "";
        public string TokenEndpoint { get; init; } = "";
        public string JwksUrl { get; init; } = "";
        public DateTime CreatedAt { get; init; }

        public Platform ToPlatform() => new(Id, PartnerId, Issuer, ClientId, DeploymentIds, AuthorizationEndpoint, TokenEndpoint, JwksUrl, new DateTimeOffset(DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc)));
    }

    private const string Columns = """
        id AS "Id", partner_id AS "PartnerId", issuer AS "Issuer", client_id AS "ClientId", deployment_ids AS "DeploymentIds",
        authorization_endpoint AS "AuthorizationEndpoint", token_endpoint AS "TokenEndpoint", jwks_url AS "JwksUrl", created_at AS "CreatedAt"
        """;

    /// <summary>The registrations of <paramref name="issuer"/>, narrowed to <paramref name="clientId"/> when the platform names it.</summary>
    public async Task<IReadOnlyList<Platform>> FindAsync(string issuer, string? clientId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. (await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM lti.platforms WHERE issuer = @issuer AND (@clientId::text IS NULL OR client_id = @clientId) ORDER BY created_at",
            new { issuer, clientId }, cancellationToken: cancellationToken))).Select(r => r.ToPlatform())];
    }

    public async Task<Platform?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM lti.platforms WHERE id = @id", new { id }, cancellationToken: cancellationToken)))?.ToPlatform();
    }

    public async Task<Platform?> OfPartnerAsync(Guid partnerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM lti.platforms WHERE partner_id = @partnerId", new { partnerId }, cancellationToken: cancellationToken)))?.ToPlatform();
    }

    public async Task<IReadOnlyList<Platform>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. (await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM lti.platforms ORDER BY created_at", cancellationToken: cancellationToken))).Select(r => r.ToPlatform())];
    }
}
