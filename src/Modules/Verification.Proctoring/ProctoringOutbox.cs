using Mediator;
using Npgsql;
using Verification.BuildingBlocks.Outbox;
using Verification.Proctoring.Contracts;

namespace Verification.Proctoring;

/// <summary>The proctoring module's outbox (<c>proctoring.outbox</c>) and the messages it carries to other modules.</summary>
internal static class ProctoringOutbox
{
    public static readonly OutboxTable Table = new("proctoring", [typeof(SessionVerdictReached), typeof(ReviewCaseOpened), typeof(ReviewCaseDecided), typeof(ReviewCaseAppealed), typeof(LearnerIdentityEvidenceErased)]);

    public static Task AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, INotification message, DateTimeOffset now) =>
        Outbox.AppendAsync(connection, transaction, Table, message, now, CancellationToken.None);
}
