using Dapper;
using Npgsql;
using Verification.Enrollment.Api;

namespace Verification.Enrollment.Programs;

internal sealed class ProgramRow
{
    public Guid ProgramId { get; init; }
    public Guid OrganisationId { get; init; }
    public string OrganisationName { get; init; } = "";
    public Guid? PartnerId { get; init; }
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
}

internal static class ProgramAccess
{
    private const string Sql = """
        SELECT p.id AS ProgramId, p.organisation_id AS OrganisationId, o.name AS OrganisationName, o.partner_id AS PartnerId, p.slug AS Slug, p.name AS Name
        FROM enrollment.programs p JOIN enrollment.organisations o ON o.id = p.organisation_id
        WHERE p.id = @programId
        """;

    /// <summary>
    /// The program when the caller administers it (an admin, the key of the partner managing its organisation, or the
    /// organisation's program administrator); otherwise null, so another organisation's program answers as unknown.
    /// </summary>
    public static async Task<ProgramRow?> FindAsync(NpgsqlConnection connection, Caller caller, Guid programId, CancellationToken cancellationToken)
    {
        var program = await connection.QuerySingleOrDefaultAsync<ProgramRow>(new CommandDefinition(Sql, new { programId }, cancellationToken: cancellationToken));
        return program is not null && caller.MayAdminister(program.OrganisationId, program.PartnerId) ? program : null;
    }
}
