using Dapper;
using Mediator;
using Npgsql;
using Verification.Enrollment.Contracts;

namespace Verification.Enrollment.Programs.FindOrganisation;

public sealed class FindOrganisationHandler(NpgsqlDataSource dataSource) : IQueryHandler<Contracts.FindOrganisation, OrganisationFound?>
{
    private const string Sql = """
        SELECT id AS OrganisationId, name AS Name, slug AS Slug FROM enrollment.organisations
        WHERE id = @id OR slug = @IdOrSlug LIMIT 1
        """;

    public async ValueTask<OrganisationFound?> Handle(Contracts.FindOrganisation query, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(query.IdOrSlug) || query.IdOrSlug.Length > 100)
        {
            return null;
        }

        var id = Guid.TryParse(query.IdOrSlug, out var parsed) ? parsed : (Guid?)null;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var found = await connection.QuerySingleOrDefaultAsync<(Guid OrganisationId, string Name, string Slug)>(new CommandDefinition(Sql, new { id, query.IdOrSlug }, cancellationToken: cancellationToken));
        return found.OrganisationId == Guid.Empty ? null : new OrganisationFound(found.OrganisationId, found.Name, found.Slug);
    }
}
