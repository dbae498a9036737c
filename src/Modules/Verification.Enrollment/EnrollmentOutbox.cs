using Npgsql;
using Verification.BuildingBlocks.Outbox;
using Verification.Enrollment.Contracts;

namespace Verification.Enrollment;

/// <summary>The enrollment module's outbox (<c>enrollment.outbox</c>) and the messages it carries to other modules.</summary>
internal static class EnrollmentOutbox
{
    public static readonly OutboxTable Table = new("enrollment", [typeof(CourseCompleted)]);

    public static Task AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CourseCompleted message, DateTimeOffset now, CancellationToken cancellationToken) =>
        Outbox.AppendAsync(connection, transaction, Table, message, now, cancellationToken);
}
