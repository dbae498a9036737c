using System.Text.Json;
using Dapper;
using Npgsql;

namespace Verification.Lti.Policies;

/// <summary>The partners' policies (<c>lti.policies</c>), each replaced whole when set.</summary>
internal sealed class PolicyStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The partner's policy, or the built-in one when it set none.</summary>
    public async Task<PartnerPolicy> OfPartnerAsync(Guid partnerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var json = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT policy::text FROM lti.policies WHERE partner_id = @partnerId", new { partnerId }, cancellationToken: cancellationToken));
        return json is null ? PartnerPolicy.BuiltIn : JsonSerializer.Deserialize<PartnerPolicy>(json, Json)!;
    }

    public async Task SetAsync(Guid partnerId, PartnerPolicy policy, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO lti.policies (partner_id, policy, updated_at) VALUES (@partnerId, @policy::jsonb, @now)
            ON CONFLICT (partner_id) DO UPDATE SET policy = excluded.policy, updated_at = excluded.updated_at
            """, new { partnerId, policy = JsonSerializer.Serialize(policy, Json), now = time.GetUtcNow() }, cancellationToken: cancellationToken));
    }
}
