using Dapper;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Verification.Billing.Contracts;
using Verification.Catalog.Contracts;

namespace Verification.Certificates.Issuance;

/// <summary>
/// Billing asks before a refund: once a certificate was issued for the learner's track, the fee was earned. A
/// specialization's track also pays for its courses' certificates, so one of those issued earns it too.
/// </summary>
internal sealed class CertificateRefundGuard(NpgsqlDataSource dataSource, IServiceScopeFactory scopes) : IRefundGuard
{
    public const string CertificateIssued = "certificate_issued";

    private const string Sql = """
        SELECT EXISTS (SELECT 1 FROM certificates.certificates
                       WHERE learner_id = @learnerId AND track_id = @certificateTrackId AND issued_at IS NOT NULL)
        """;

    private const string IssuedCourses = """
        SELECT course_id FROM certificates.certificates WHERE learner_id = @learnerId AND kind = 'course' AND issued_at IS NOT NULL
        """;

    public async ValueTask<RefundVeto?> CheckAsync(Guid learnerId, Guid certificateTrackId, CancellationToken cancellationToken)
    {
        IReadOnlyList<Guid> courses;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition(Sql, new { learnerId, certificateTrackId }, cancellationToken: cancellationToken)))
            {
                return Veto();
            }

            courses = [.. await connection.QueryAsync<Guid>(new CommandDefinition(IssuedCourses, new { learnerId }, cancellationToken: cancellationToken))];
        }

        return await PaysForAnyAsync(courses, certificateTrackId, cancellationToken) ? Veto() : null;
    }

    private static RefundVeto Veto() => new(CertificateIssued, "A certificate was issued for this track; its fee cannot be refunded.");

    // Whether the track is that of a specialization including one of the courses.
    private async Task<bool> PaysForAnyAsync(IReadOnlyList<Guid> courses, Guid certificateTrackId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        foreach (var courseId in courses)
        {
            foreach (var specializationId in await mediator.Send(new GetSpecializationsOfCourse(courseId), cancellationToken))
            {
                if ((await mediator.Send(new GetCertificateTrackOf(specializationId), cancellationToken))?.TrackId == certificateTrackId)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
