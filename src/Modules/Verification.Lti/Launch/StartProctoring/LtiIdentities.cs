using System.Security.Cryptography;
using System.Text;
using Dapper;
using Mediator;
using Npgsql;
using Verification.Catalog.Contracts;
using Verification.Enrollment.Contracts;
using Verification.Lti.Platforms;

namespace Verification.Lti.Launch.StartProctoring;

/// <summary>
/// The learner and course an LTI user and context are for the platform's partner, made through Enrollment's and
/// Catalog's contracts on first sight (both idempotent on the id, and the id named by the platform and the LTI key, so a
/// retry after a crash makes nothing twice).
/// </summary>
internal sealed class LtiIdentities(NpgsqlDataSource dataSource, IMediator mediator)
{
    public async Task<Guid> LearnerAsync(Platform platform, string ltiUser, ProctoringClaims claims, CancellationToken cancellationToken)
    {
        var learnerId = await MappedAsync("SELECT learner_id FROM lti.learners WHERE platform_id = @platformId AND lti_user = @key", platform.Id, ltiUser, cancellationToken)
            ?? MappedIds.For(platform, "learner", ltiUser);
        // The LMS need not share an email; a stable placeholder under a reserved domain keeps the learner reachable by id only.
        var placeholder = $"lti-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(platform.Id + "/" + ltiUser)).AsSpan(0, 10))}@lti.invalid";
        var registered = await mediator.Send(new RegisterLearner(learnerId, claims.FullName, claims.Email ?? placeholder, platform.PartnerId, ltiUser), cancellationToken);
        if (registered.Taken)
        {
            // Another of the partner's learners holds the email or the external id. An LMS's email claim does not prove
            // its user owns the address, so the LTI user is never joined to that learner: it gets a learner of its own.
            registered = await mediator.Send(new RegisterLearner(learnerId, claims.FullName, placeholder, platform.PartnerId), cancellationToken);
        }

        if (registered.Taken)
        {
            throw new InvalidOperationException($"The LTI user's placeholder email {placeholder} belongs to another learner of partner {platform.PartnerId}.");
        }

        return await MapAsync("INSERT INTO lti.learners (platform_id, lti_user, learner_id) VALUES (@platformId, @key, @id) ON CONFLICT DO NOTHING",
            "SELECT learner_id FROM lti.learners WHERE platform_id = @platformId AND lti_user = @key", platform.Id, ltiUser, learnerId, cancellationToken);
    }

    public async Task<Guid> CourseAsync(Platform platform, ProctoringClaims claims, CancellationToken cancellationToken)
    {
        var courseId = await MappedAsync("SELECT course_id FROM lti.courses WHERE platform_id = @platformId AND context_id = @key", platform.Id, claims.ContextId, cancellationToken)
            ?? MappedIds.For(platform, "course", claims.ContextId);
        var code = "LTI-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(platform.Id + "/" + claims.ContextId)).AsSpan(0, 6));
        // The LMS sells the course; here it is a track with no price of its own, proctored for the partner.
        await mediator.Send(new CreateCourse(courseId, platform.PartnerId, code, claims.ContextTitle, Guid.CreateVersion7(), 0, "EUR"), cancellationToken);
        return await MapAsync("INSERT INTO lti.courses (platform_id, context_id, course_id) VALUES (@platformId, @key, @id) ON CONFLICT DO NOTHING",
            "SELECT course_id FROM lti.courses WHERE platform_id = @platformId AND context_id = @key", platform.Id, claims.ContextId, courseId, cancellationToken);
    }

    private async Task<Guid?> MappedAsync(string sql, Guid platformId, string key, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(sql, new { platformId, key }, cancellationToken: cancellationToken));
    }

    private async Task<Guid> MapAsync(string insert, string select, Guid platformId, string key, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(insert, new { platformId, key, id }, cancellationToken: cancellationToken));
        return await connection.QuerySingleAsync<Guid>(new CommandDefinition(select, new { platformId, key }, cancellationToken: cancellationToken));
    }
}
