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
    DateTime? IssuedAtUtc,
    DateTime? RevokedAtUtc,
    DateTime StatusChangedAtUtc,
    string? RevocationReason,
    bool NameHidden,
    DateTime? IdentityEvidenceErasedAtUtc)
{
    private const string Columns = """
        SELECT id AS "Id", learner_id AS "LearnerId", course_id AS "CourseId", track_id AS "TrackId", partner_id AS "PartnerId",
               verification_code AS "Code", status AS "StatusColumn", issued_at AS "IssuedAtUtc", revoked_at AS "RevokedAtUtc",
               status_changed_at AS "StatusChangedAtUtc", revocation_reason AS "RevocationReason", name_hidden AS "NameHidden",
               identity_evidence_erased_at AS "IdentityEvidenceErasedAtUtc"
        FROM certificates.certificates
        """;

    public CertificateStatus Status => CertificateStatusColumn.FromColumn(StatusColumn);

    public DateTimeOffset? IssuedAt => IssuedAtUtc is { } at ? Utc(at) : null;

    public DateTimeOffset? RevokedAt => RevokedAtUtc is { } at ? Utc(at) : null;

    public DateTimeOffset StatusChangedAt => Utc(StatusChangedAtUtc);

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

    // Npgsql reads timestamptz as a UTC DateTime.
    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
