using Dapper;
using Mediator;
using Npgsql;
using Verification.Catalog.Contracts;

namespace Verification.Catalog.Partners.PartnerOwnership;

public sealed class PartnerExistsHandler(NpgsqlDataSource dataSource) : IQueryHandler<PartnerExists, bool>
{
    public async ValueTask<bool> Handle(PartnerExists query, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM catalog.partners WHERE id = @PartnerId)", new { query.PartnerId }, cancellationToken: cancellationToken));
    }
}

public sealed class GetCoursePartnerHandler(NpgsqlDataSource dataSource) : IQueryHandler<GetCoursePartner, Guid?>
{
    public async ValueTask<Guid?> Handle(GetCoursePartner query, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            "SELECT partner_id FROM catalog.courses WHERE id = @CourseId", new { query.CourseId }, cancellationToken: cancellationToken));
    }
}
