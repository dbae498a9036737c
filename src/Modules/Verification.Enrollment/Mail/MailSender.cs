using Dapper;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MimeKit;
using Npgsql;

namespace Verification.Enrollment.Mail;

/// <summary>
/// Delivers the outbox: claims due mails (SKIP LOCKED, so several nodes share the work), sends each through SMTP and
/// marks it sent; a failure backs off (<see cref="RetryDelay"/>: 5 s, 10 s, 20 s, ... at most an hour) and retries, so a
/// server that is down loses no mail. After <c>Smtp:MaxAttempts</c> failures the mail is given up: kept with
/// <c>given_up_at</c> set and logged as an error. A sent mail keeps its envelope and subject, not its body.
/// </summary>
internal sealed class MailSender(NpgsqlDataSource dataSource, SmtpSettings settings, TimeProvider time, ILogger<MailSender> logger) : BackgroundService
{
    private const string Claim = """
        SELECT id AS Id, kind AS Kind, to_address AS ToAddress, to_name AS ToName, subject AS Subject, body_text AS Body, attempts AS Attempts
        FROM enrollment.mail_outbox
        WHERE sent_at IS NULL AND next_attempt_at <= @now AND attempts < @maxAttempts
        ORDER BY next_attempt_at LIMIT 20 FOR UPDATE SKIP LOCKED
        """;

    // The body goes once sent: an invitation's holds its join link, which the service otherwise keeps only as a hash.
    private const string Sent = "UPDATE enrollment.mail_outbox SET sent_at = @now, attempts = attempts + 1, last_error = NULL, body_text = '' WHERE id = @Id";

    private const string Failed = """
        UPDATE enrollment.mail_outbox SET attempts = attempts + 1, next_attempt_at = @next, last_error = @error,
            given_up_at = CASE WHEN attempts + 1 >= @maxAttempts THEN @now END
        WHERE id = @Id
        """;

    /// <summary>The pause after the <paramref name="attempts"/>-th failure: 5 s doubled each time, at most an hour.</summary>
    public static TimeSpan RetryDelay(int attempts) => TimeSpan.FromSeconds(Math.Min(3600, 5 * Math.Pow(2, attempts - 1)));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (NpgsqlException ex)
            {
                logger.LogWarning(ex, "Mail outbox unavailable; trying again");
            }

            try
            {
                // Polling runs on the wall clock; due times and timestamps come from the injected TimeProvider.
                await Task.Delay(TimeSpan.FromSeconds(settings.PollSeconds), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sends what is due; the number sent.</summary>
    internal async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var due = (await connection.QueryAsync<Due>(new CommandDefinition(Claim, new { now = time.GetUtcNow(), maxAttempts = settings.MaxAttempts }, transaction, cancellationToken: cancellationToken))).ToList();
        if (due.Count == 0)
        {
            return 0;
        }

        var sent = 0;
        using var client = new SmtpClient { Timeout = 15_000 };
        foreach (var mail in due)
        {
            try
            {
                if (!client.IsConnected)
                {
                    await client.ConnectAsync(settings.Host, settings.Port, Enum.Parse<SecureSocketOptions>(settings.Security), cancellationToken);
                    if (!string.IsNullOrEmpty(settings.UserName))
                    {
                        await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
                    }
                }

                await client.SendAsync(ToMessage(mail), cancellationToken);
                await connection.ExecuteAsync(new CommandDefinition(Sent, new { mail.Id, now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
                sent++;
                logger.LogInformation("Mail {MailId} ({Kind}) sent", mail.Id, mail.Kind);
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or IOException or SmtpCommandException or SmtpProtocolException or AuthenticationException or TimeoutException or SslHandshakeException)
            {
                var now = time.GetUtcNow();
                var next = now + RetryDelay(mail.Attempts + 1);
                await connection.ExecuteAsync(new CommandDefinition(
                    Failed, new { mail.Id, next, now, error = ex.GetType().Name, maxAttempts = settings.MaxAttempts }, transaction, cancellationToken: cancellationToken));
                if (mail.Attempts + 1 >= settings.MaxAttempts)
                {
                    logger.LogError("Mail {MailId} ({Kind}) given up after {Attempts} attempts ({Error})", mail.Id, mail.Kind, mail.Attempts + 1, ex.GetType().Name);
                }
                else
                {
                    logger.LogWarning("Mail {MailId} ({Kind}) not sent ({Error}); attempt {Attempt}, next at {NextAttempt}", mail.Id, mail.Kind, ex.GetType().Name, mail.Attempts + 1, next);
                }
            }
        }

        if (client.IsConnected)
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return sent;
    }

    private MimeMessage ToMessage(Due mail)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        message.To.Add(new MailboxAddress(mail.ToName, mail.ToAddress));
        message.Subject = mail.Subject;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId();
        message.Body = new TextPart("plain") { Text = mail.Body };
        return message;
    }

    private sealed class Due
    {
        public Guid Id { get; init; }
        public string Kind { get; init; } = "";
        public string ToAddress { get; init; } = "";
        public string ToName { get; init; } = "";
        public string Subject { get; init; } = "";
        public string Body { get; init; } = "";
        public int Attempts { get; init; }
    }
}
