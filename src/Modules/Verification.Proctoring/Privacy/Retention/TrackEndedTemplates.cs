using Dapper;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Verification.Enrollment.Contracts;

namespace Verification.Proctoring.Privacy.Retention;

/// <summary>
/// Finds the templates whose purpose has ended: every verified certificate track of the learner ended at least
/// <c>TemplateDaysAfterLastTrackEnds</c> ago. Which tracks ended is Enrollment's answer, asked through its contract in
/// batches. A learner with an open or escalated review case keeps the template until the case closes.
/// </summary>
internal sealed class TrackEndedTemplates(NpgsqlDataSource dataSource, IServiceScopeFactory scopes)
{
    private const int BatchSize = 1000;

    private const string CandidatesSql = """
        SELECT p.learner_id FROM proctoring.identity_profiles p
        WHERE p.learner_id > @after
          AND NOT EXISTS (SELECT 1 FROM proctoring.review_cases c WHERE c.learner_id = p.learner_id AND c.status IN ('open', 'escalated'))
        ORDER BY p.learner_id
        LIMIT @batch
        """;

    public const string PurgeSql = """
        WITH keys AS (
            DELETE FROM proctoring.learner_keys WHERE scope = 'identity' AND learner_id = ANY(@learners) RETURNING 1
        ), gone AS (
            DELETE FROM proctoring.identity_profiles WHERE learner_id = ANY(@learners) RETURNING 1
        )
        SELECT count(*)::int FROM gone
        """;

    public async Task<Guid[]> DueAsync(DateTimeOffset now, int days, CancellationToken cancellationToken)
    {
        var due = new List<Guid>();
        var after = Guid.Empty;
        // The retention job is a singleton; the mediator lives in a scope.
        await using var scope = scopes.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        while (true)
        {
            var batch = (await connection.QueryAsync<Guid>(new CommandDefinition(CandidatesSql, new { after, batch = BatchSize }, cancellationToken: cancellationToken))).ToList();
            if (batch.Count == 0)
            {
                return [.. due];
            }

            var ended = await mediator.Send(new GetEndedTracks(batch), cancellationToken);
            due.AddRange(ended.Where(e => e.LastEndedAt <= now.AddDays(-days)).Select(e => e.LearnerId));
            after = batch[^1];
        }
    }
}
