using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using Verification.BuildingBlocks.Outbox;
using Verification.Proctoring.Sessions.Live;
using Verification.Proctoring.Sessions.Store;

namespace Verification.Proctoring.Sessions.Verdicts;

/// <summary>
/// Writes final verdicts. When PostgreSQL is unreachable the outcome waits in a bounded queue and
/// <see cref="PendingVerdictWriter"/> writes it when the database returns; when the queue is full, the caller waits for room
/// rather than losing a verdict. A verdict still queued when the process dies is not lost either: its session is still
/// <c>open</c> in the database and is closed <c>interrupted</c> at the next start.
/// </summary>
internal sealed class PendingVerdicts(VerdictStore store, Outbox outbox, SessionSettings settings, ILogger<PendingVerdicts> logger)
{
    private readonly Channel<SessionOutcome> _queue = Channel.CreateBounded<SessionOutcome>(
        new BoundedChannelOptions(settings.PendingVerdictCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    private int _count;

    public int Count => Volatile.Read(ref _count);

    internal ChannelReader<SessionOutcome> Reader => _queue.Reader;

    /// <summary>Writes the outcome now, or queues it while the database is away. Returns whether it is already stored.</summary>
    public async Task<bool> WriteAsync(SessionOutcome outcome)
    {
        if (Count == 0 && await TryWriteAsync(outcome))
        {
            return true;
        }

        Interlocked.Increment(ref _count);
        logger.LogWarning("Session {SessionId} verdict {Verdict} waits for the database ({Pending} waiting)", outcome.SessionId, outcome.Verdict.Kind, Count);
        await _queue.Writer.WriteAsync(outcome, CancellationToken.None);
        return false;
    }

    /// <summary>One attempt; true when stored (or already stored), false when the database is unreachable.</summary>
    internal async Task<bool> TryWriteAsync(SessionOutcome outcome)
    {
        try
        {
            var (ended, caseId) = await store.EndAsync(outcome);
            if (ended)
            {
                logger.LogInformation("Session {SessionId} stored {Status} {Verdict} with case {CaseId}", outcome.SessionId, outcome.Status, outcome.Verdict.Kind, caseId);
                // Delivered at once, so that other modules see the verdict when EndSession returns; the dispatcher covers a crash here.
                await outbox.DispatchAsync(ProctoringOutbox.Table, CancellationToken.None);
            }

            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            return false;
        }
    }

    internal void Written() => Interlocked.Decrement(ref _count);
}
