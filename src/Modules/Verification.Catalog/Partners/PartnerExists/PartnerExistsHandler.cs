using Dapper;
using Mediator;
using Npgsql;
using Verification.Catalog.Contracts;

namespace Verification.Catalog.Partners.PartnerExists;

public sealed class PartnerExistsHandler(NpgsqlDataSource dataSource) : IQueryHandler<Contracts.PartnerExists, bool>
{
    public async ValueTask<bool> Handle(Contracts.PartnerExists query, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM catalog.partners WHERE id = @PartnerId)", new { query.PartnerId }, cancellationToken: cancellationToken));
    }
}
