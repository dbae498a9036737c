using Dapper;
using Npgsql;
using Verification.BuildingBlocks.Outbox;
using Verification.Lti.Contracts;
using Verification.Lti.Policies;

namespace Verification.Lti.StartAssessment;

/// <summary>
/// A pre-exam check that needs review, for a partner whose policy is <c>unverified_and_control</c>: once
/// LtiStartAssessment is answered, the check's flags go to the platform's ACS as the policy maps them, once per
/// check (keyed by its session), through the outbox like any flagged session.
/// </summary>
internal sealed class PreExamControl(NpgsqlDataSource dataSource, PolicyStore policies, Outbox outbox, IEnumerable<OutboxTable> tables, TimeProvider time)
{
    // Dapper materialises text[] by property, not through a positional record constructor.
    private sealed class Check
    {
        public Guid PartnerId { get; init; }

        public Guid? SessionId { get; init; }

        public string? Priority { get; init; }

        public string[]? Flags { get; init; }

        public string? AcsUrl { get; init; }
    }

    public async Task QueueAsync(Guid launchId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var check = await connection.QuerySingleAsync<Check>(new CommandDefinition("""
            SELECT p.partner_id AS "PartnerId", l.pre_exam_session_id AS "SessionId", l.pre_exam_priority AS "Priority", l.pre_exam_flags AS "Flags", l.acs_url AS "AcsUrl"
            FROM lti.launches l JOIN lti.platforms p ON p.id = l.platform_id WHERE l.id = @launchId
            """, new { launchId }, cancellationToken: cancellationToken));
        if (check is not { SessionId: { } sessionId, AcsUrl: not null }
            || (await policies.OfPartnerAsync(check.PartnerId, cancellationToken)).PreExamFailure != PartnerPolicy.UnverifiedAndControl)
        {
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var queued = await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO lti.acs_flags (session_id, launch_id, queued_at) VALUES (@sessionId, @launchId, @now) ON CONFLICT (session_id) DO NOTHING",
            new { sessionId, launchId, now }, transaction, cancellationToken: cancellationToken));
        if (queued == 1)
        {
            await Outbox.AppendAsync(connection, transaction, tables.Single(t => t.Schema == "lti"),
                new AcsFlagRequested(sessionId, launchId, check.Priority ?? "Normal", check.Flags ?? [], now), now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (queued == 1)
        {
            outbox.Signal();
        }
    }
}
