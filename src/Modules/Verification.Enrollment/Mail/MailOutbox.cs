using Dapper;
using Npgsql;

namespace Verification.Enrollment.Mail;

/// <summary>Queues a mail in the transaction that caused it; <see cref="MailSender"/> delivers it, however long SMTP is away.</summary>
internal static class MailOutbox
{
    private const string Sql = """
        INSERT INTO enrollment.mail_outbox (id, kind, to_address, to_name, subject, body_text, created_at, next_attempt_at)
        VALUES (@id, @Kind, @ToAddress, @ToName, @Subject, @Body, @now, @now)
        """;

    public static Task EnqueueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, OutgoingMail mail, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(Sql, new { id = Guid.CreateVersion7(), mail.Kind, mail.ToAddress, mail.ToName, mail.Subject, mail.Body, now }, transaction, cancellationToken: cancellationToken));
}

internal sealed record OutgoingMail(string Kind, string ToAddress, string ToName, string Subject, string Body);
