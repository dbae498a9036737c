using Dapper;
using Npgsql;
using Verification.Certificates.Issuance;

namespace Verification.Certificates.Api;

/// <summary>One row of <c>certificates.certificates</c> as the pages and the API read it.</summary>
internal sealed record CertificateRecord(
    Guid Id,
    Guid LearnerId,
    Guid CourseId,
    Guid TrackId,
    Guid PartnerId,
    string Code,
    string StatusColumn,
    DateTimeOffset? IssuedAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset StatusChangedAt,
    string? RevocationReason,
    bool NameHidden,
    int StatusIndex)
{
    private const string Columns = """
        SELECT id AS "Id", learner_id AS "LearnerId", course_id AS "CourseId", track_id AS "TrackId", partner_id AS "PartnerId",
               verification_code AS "Code", status AS "StatusColumn", issued_at AS "IssuedAt", revoked_at AS "RevokedAt",
               status_changed_at AS "StatusChangedAt", revocation_reason AS "RevocationReason", name_hidden AS "NameHidden",
               status_index AS "StatusIndex"
        FROM certificates.certificates
        """;

    public CertificateStatus Status => CertificateStatusColumn.FromColumn(StatusColumn);

    public static async Task<CertificateRecord?> ByCodeAsync(NpgsqlDataSource dataSource, string code, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<CertificateRecord>(new CommandDefinition(
            Columns + " WHERE verification_code = @code", new { code }, cancellationToken: cancellationToken));
    }

    public static async Task<CertificateRecord?> ByIdAsync(NpgsqlDataSource dataSource, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<CertificateRecord>(new CommandDefinition(
            Columns + " WHERE id = @id", new { id }, cancellationToken: cancellationToken));
    }

    public static async Task<IReadOnlyList<CertificateRecord>> OfLearnerAsync(NpgsqlDataSource dataSource, Guid learnerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<CertificateRecord>(new CommandDefinition(
            Columns + " WHERE learner_id = @learnerId ORDER BY created_at", new { learnerId }, cancellationToken: cancellationToken))];
    }
}
